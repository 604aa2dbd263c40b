// Worker for test/unit/regexAudit.test.ts: runs each pattern over each adversarial line and reports before and after
// every run, so the test can stop a run that hangs (terminating the worker interrupts a regex mid-backtrack).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import oniguruma from 'vscode-oniguruma';

/** A line for each (prefix, unit): the prefix, the unit repeated to `size` characters, the tail. */
function lines(prefixes, units, size, tail) {
  return prefixes.flatMap((prefix) =>
    units.map((unit) => ({
      label: `${JSON.stringify(prefix)} + ${JSON.stringify(unit)} x ${size}`,
      text: prefix + unit.repeat(Math.ceil(size / unit.length)) + tail,
    })),
  );
}

/** Every match, left to right, the way a replace-all or a tokeniser meets them. */
function scanner(job) {
  if (job.engine === 'js') {
    const regex = new RegExp(job.source, job.flags.includes('g') ? job.flags : `${job.flags}g`);
    return (line) => void line.text.replace(regex, '');
  }
  const onig = new oniguruma.OnigScanner([job.source]);
  return (line) => {
    // One OnigString per line, shared by every pattern (building it costs more than most scans).
    line.onig ??= new oniguruma.OnigString(line.text);
    for (let at = 0; at <= line.text.length;) {
      const match = onig.findNextMatchSync(line.onig, at);
      if (!match) break;
      const end = match.captureIndices[0].end;
      at = end > at ? end : at + 1;
    }
  };
}

async function main() {
  const { jobs, prefixes, units, literalUnits, size, tail } = workerData;
  if (jobs.some((job) => job.engine === 'onig')) {
    await oniguruma.loadWASM(readFileSync(createRequire(import.meta.url).resolve('vscode-oniguruma/release/onig.wasm')).buffer);
  }
  const shared = lines(prefixes, units, size, tail);
  for (const job of jobs) {
    const scan = scanner(job);
    for (const line of [...shared, ...lines(job.prefixes, literalUnits, size, tail)]) {
      parentPort.postMessage({ job: job.id, input: line.label });
      const start = performance.now();
      scan(line);
      parentPort.postMessage({ job: job.id, input: line.label, ms: performance.now() - start });
    }
  }
  parentPort.postMessage({ finished: true });
}

await main();
