// How the language server's Node process is started, shared by the VS Code client and the bench that measures it.

/**
 * V8 lets the young generation grow to 16 MB per semi-space and keeps it: after the first analysis of a 1 MB config
 * the server stayed near 200 MB although it holds about 30 MB. With at most 4 MB the young generation stays small
 * (scavenges stay short) and V8's idle memory reducer hands the rest back, at no measured cost in latency.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];

/**
 * Set over the environment the server inherits. Node reads and parses every certificate in NODE_EXTRA_CA_CERTS as it
 * starts, before any script runs: with the system's bundle of 144 certificates that is 49 ms of each start here, and
 * the server never opens a TLS connection (supervisord serves plain HTTP, over a UNIX socket or TCP). Empty, it is
 * skipped without a warning.
 */
export const SERVER_ENVIRONMENT: Readonly<Record<string, string>> = { NODE_EXTRA_CA_CERTS: '' };
