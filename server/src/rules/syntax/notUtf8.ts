import type { ConfigFile, Position } from '../../parser';
import { lastAtOrBefore } from '../../util/lastAtOrBefore';
import { defineRule } from '../define';

/** What a decoder puts where bytes are not UTF-8: Node's and VS Code's both. */
const REPLACEMENT = '\uFFFD';

export const notUtf8 = defineRule({
  id: 'syntax/not-utf8',
  severity: 'error',
  summary: 'Bytes that are not UTF-8 (shown as �), even in a comment: supervisord stops before reading any section.',
  docs: {
    what: `A file holding bytes that are not valid UTF-8, such as a Latin-1 \`é\` saved by an old editor. Decoders show
each such byte as the replacement character \`�\` (U+FFFD), and the first one is marked, with the count of the
others. The file's own encoding is lost by then: a file that really contains the character \`�\`, written in UTF-8,
is reported too, though supervisord reads it.`,
    why: `supervisord reads its configuration files as text in the encoding of its locale. Python 3 makes that UTF-8 on
Debian and Ubuntu, also under the plain C locale that init systems start services with. A byte that does not
decode stops the whole read with "'utf-8' codec can't decode byte …", whether it lies in a value or in a comment, so
supervisord refuses to start (or \`supervisorctl reread\` refuses the file) and no program runs.`,
    fix: `Convert the file to UTF-8, for instance with \`iconv -f latin1 -t utf-8 file.conf > file.conf.new\` and a move,
or in VS Code with "Reopen with Encoding" (the file's real encoding) and then "Save with Encoding" UTF-8. Text that
needs no accents can also be written in plain ASCII.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.read_config` (the main file opened in text mode, included files read with `UnhosedConfigParser.read`, whose decoding errors are not caught)',
      'CPython `Lib/configparser.py`: `RawConfigParser.read` (opens each file with the given or the locale encoding)',
      'PEP 538 and PEP 540: Python 3.7+ reads UTF-8 under the C and POSIX locales',
    ],
  },
  examples: [
    {
      title: 'A Latin-1 é in a comment',
      config: '[program:worker]\n; caf«\uFFFD» queue\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\n',
    },
    { config: '[program:worker]\n; café queue\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\n' },
  ],
  check({ model }) {
    const { text } = model;
    const first = text.indexOf(REPLACEMENT);
    if (first < 0) return [];
    let others = 0;
    for (let at = text.indexOf(REPLACEMENT, first + 1); at >= 0; at = text.indexOf(REPLACEMENT, at + 1)) others++;
    const more = others === 0 ? '' : ` (and ${others} more after it)`;
    return [
      {
        range: { start: positionAt(model.file, first), end: positionAt(model.file, first + 1) },
        message: `This file is not valid UTF-8 here${more}: supervisord reads configs as UTF-8 and stops at the first byte that does not decode, even in a comment. Save the file as UTF-8.`,
      },
    ];
  },
});

function positionAt(file: ConfigFile, offset: number): Position {
  const line = lastAtOrBefore(file.lineStarts, offset);
  return { line, character: offset - file.lineStarts[line] };
}
