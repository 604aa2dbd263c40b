// How the language server's Node process is started, shared by the VS Code client and the bench that measures it.

/**
 * V8 lets the young generation grow to 16 MB per semi-space and keeps it: after the first analysis of a 1 MB config
 * the server stayed near 200 MB although it holds about 30 MB. With at most 4 MB the young generation stays small
 * (scavenges stay short) and V8's idle memory reducer hands the rest back, at no measured cost in latency.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];
