// config/duplicate-key's fix deletes the ignored entry (key line and continuation lines) and nothing else: not the
// comments around or inside it, not its neighbours, and it still works when the entry ends the file.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseConfig } from '../../server/src/parser';
import { removeEntryLines } from '../../server/src/rules/edits';
import { applyEdits } from '../helpers/edits';
import { applyFix } from '../helpers/lint';

/** The text without entry number `index` of its first section. */
function withoutEntry(text: string, index: number): string {
  const file = parseConfig(text);
  return applyEdits(text, removeEntryLines(file, file.sections[0].entries[index]));
}

describe('config/duplicate-key fix', () => {
  test('removes the earlier entry with its continuation lines and keeps the comment lines between them', () => {
    const text = [
      '[program:worker]',
      '; the old command',
      'command=celery -A proj worker ; first try',
      '    -l info',
      '',
      '    # queues',
      '    -Q default',
      'stopwaitsecs=600 ; ten minutes',
      'command=celery -A proj worker -l info',
      '',
    ].join('\n');
    assert.equal(
      applyFix(text, 'config/duplicate-key'),
      [
        '[program:worker]',
        '; the old command',
        '    # queues',
        'stopwaitsecs=600 ; ten minutes',
        'command=celery -A proj worker -l info',
        '',
      ].join('\n'),
    );
  });

  test('keeps a line the loader refuses that sits among the continuation lines', () => {
    assert.equal(withoutEntry('[a]\nx=1\ngarbage\n    more\nx=2\n', 0), '[a]\ngarbage\nx=2\n');
  });

  test('works when the entry is the last line of the file and has no line break', () => {
    assert.equal(withoutEntry('[a]\ny=1\nx=1', 1), '[a]\ny=1');
    assert.equal(withoutEntry('[a]\nx=1\n    more', 0), '[a]');
    assert.equal(withoutEntry('[a]\nx=1\n    ; note\n    more', 0), '[a]\n    ; note');
    assert.equal(withoutEntry('[a]\r\nx=1\r\n    more', 0), '[a]');
  });

  test('keeps CRLF line breaks intact', () => {
    const text = '[program:worker]\r\ncommand=/bin/cat\r\nautostart=false\r\n    ; off for now\r\nautostart=true\r\n';
    assert.equal(applyFix(text, 'config/duplicate-key'), '[program:worker]\r\ncommand=/bin/cat\r\n    ; off for now\r\nautostart=true\r\n');
  });
});
