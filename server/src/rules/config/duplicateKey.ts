import type { ConfigFile, Entry } from '../../parser';
import { defineRule } from '../define';
import type { TextEdit } from '../types';

/**
 * Edits that delete an entry's lines (its key line and every continuation line, blank ones included) and nothing
 * else: a comment line or any other line between its continuation lines stays where it is.
 */
export function removeEntryLines(file: ConfigFile, entry: Entry): TextEdit[] {
  const lines = [entry.keyRange.start.line, ...entry.valueLines.map((v) => v.range.start.line)].filter((line, i, all) => i === 0 || line !== all[i - 1]);
  const runs: [number, number][] = [];
  for (const line of lines) {
    const last = runs[runs.length - 1];
    if (last && last[1] + 1 === line) last[1] = line;
    else runs.push([line, line]);
  }
  return runs.map(([first, last]) => {
    if (last + 1 < file.lineLengths.length) return lineSpan(first, 0, last + 1, 0);
    // The entry ends the file (no line break after it): take the break before it instead.
    if (first > 0) return lineSpan(first - 1, file.lineLengths[first - 1], last, file.lineLengths[last]);
    return lineSpan(first, 0, last, file.lineLengths[last]);
  });
}

const lineSpan = (startLine: number, startCharacter: number, endLine: number, endCharacter: number): TextEdit => ({
  range: { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } },
  newText: '',
});

export const duplicateKey = defineRule({
  id: 'config/duplicate-key',
  severity: 'warning',
  summary: 'A key set twice in one section: supervisord keeps the last value and silently drops the earlier one.',
  docs: {
    what: `A key set twice in the same section, also when the second one sits under a repeated header of that section. The key
of the earlier, ignored entry is marked.`,
    why: `supervisord reads its files with ConfigParser in non-strict mode: a repeated key is not an error, the later value
simply replaces the earlier one, without a word in the log. Editing the first line (say, raising \`stopwaitsecs\` for a
Celery worker) and seeing no change after \`supervisorctl update\` is a classic way to lose an hour.`,
    fix: `Keep one entry per key: decide which value you want and delete the other entry. The quick fix deletes the earlier
entry, which supervisord ignores anyway, with all its continuation lines; comment lines between them are kept.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `UnhosedConfigParser.__init__` (reads with `strict=False`)',
      'CPython `Lib/configparser.py`: `RawConfigParser._read` (a repeated option replaces the earlier value when not strict)',
    ],
  },
  examples: [
    {
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
«stopwaitsecs»=60
autostart=true
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
autostart=true
stopwaitsecs=600
`,
    },
    {
      title: 'The earlier entry goes with its continuation lines; the comment between them stays',
      config: `[program:worker]
«command»=/srv/app/venv/bin/celery -A proj worker
    -l info
    ; one queue per worker
    -Q default
command=/srv/app/venv/bin/celery -A proj worker -l info -Q default
stopwaitsecs=600
`,
      fixed: `[program:worker]
    ; one queue per worker
command=/srv/app/venv/bin/celery -A proj worker -l info -Q default
stopwaitsecs=600
`,
    },
    {
      title: 'A key repeated under a repeated header is reported too',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
«autostart»=true

[program:worker]
autostart=false`,
      fixed: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info

[program:worker]
autostart=false`,
    },
    {
      title: 'The same key in two sections is fine',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stopwaitsecs=600

[program:beat]
command=/srv/app/venv/bin/celery -A proj beat -l info
stopwaitsecs=60
`,
    },
  ],
  fixes: { removeIgnored: { title: 'Remove the ignored earlier entry', safe: true } },
  check({ model }, fix) {
    return model.sections.flatMap((section) => {
      const seen = new Map<string, Entry>();
      const findings = [];
      for (const node of section.nodes) {
        for (const entry of node.entries) {
          const earlier = seen.get(entry.key);
          seen.set(entry.key, entry);
          if (!earlier) continue;
          findings.push({
            range: earlier.keyRange,
            message: `[${section.name}] sets ${entry.key} again on line ${entry.range.start.line + 1}: supervisord uses that later value and ignores this one`,
            fixes: [fix.removeIgnored(removeEntryLines(model.file, earlier), { preferred: true })],
          });
        }
      }
      return findings;
    });
  },
});
