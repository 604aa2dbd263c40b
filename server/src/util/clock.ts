// Milliseconds on a monotonic clock, for deadlines and time budgets. Not `performance.now()`: the first use of that
// global loads perf_hooks and its timing modules, about 2 ms of every start of the server and the CLI.
export const now = (): number => Number(process.hrtime.bigint()) / 1e6;
