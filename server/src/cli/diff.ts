// Unified diff of two texts, line by line (Myers' O(ND) algorithm: fast when the texts differ in few lines, as
// fixed configs do), with three lines of context as `diff -u` prints.
type Op = { kind: ' ' | '-' | '+'; line: string };

const CONTEXT = 3;

/** The shortest edit script turning a into b. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const max = a.length + b.length;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= a.length && y >= b.length) return backtrack(trace, a, b, d, max);
    }
  }
  return [];
}

function backtrack(trace: Int32Array[], a: readonly string[], b: readonly string[], dEnd: number, max: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && v[max + k - 1] < v[max + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[max + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: a[x] });
    }
    if (down) ops.push({ kind: '+', line: b[--y] });
    else ops.push({ kind: '-', line: a[--x] });
  }
  while (x > 0) ops.push({ kind: ' ', line: a[--x] });
  return ops.reverse();
}

const splitLines = (text: string) => {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
};

const span = (start: number, count: number) => (count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`);

/** The edit script with the common head and tail kept out of the O(ND) search (fixes change few, close lines). */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const same = (lines: readonly string[]): Op[] => lines.map((line) => ({ kind: ' ', line }));
  const middle = editScript(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [...same(a.slice(0, head)), ...middle, ...same(a.slice(a.length - tail))];
}

export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string): string {
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  let i = 0;
  let oldLine = 1;
  let newLine = 1;
  const advance = (to: number) => {
    for (; i < to; i++) {
      if (ops[i].kind !== '+') oldLine++;
      if (ops[i].kind !== '-') newLine++;
    }
  };
  for (;;) {
    let change = i;
    while (change < ops.length && ops[change].kind === ' ') change++;
    if (change === ops.length) break;
    // A hunk: CONTEXT lines before its first change, through every change closer than 2*CONTEXT to the previous, and CONTEXT after.
    advance(Math.max(i, change - CONTEXT));
    let last = change;
    for (let j = change; j < ops.length && j - last <= 2 * CONTEXT; j++) if (ops[j].kind !== ' ') last = j;
    const hunk = ops.slice(i, Math.min(ops.length, last + CONTEXT + 1));
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${span(oldLine, oldCount)} +${span(newLine, newCount)} @@`, ...hunk.map((o) => o.kind + o.line));
    advance(i + hunk.length);
  }
  return out.join('\n') + '\n';
}
