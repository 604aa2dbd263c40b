// Completion for clients without snippet support inserts a snippet's plain text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { snippetText } from '../../server/src/features/completion';

test('plain text of a snippet: defaults, first choices, escapes undone, tab stops dropped', () => {
  assert.equal(snippetText('[program:${1:name}]'), '[program:name]');
  assert.equal(snippetText('autostart=${1|true,false,unexpected|}'), 'autostart=true');
  assert.equal(snippetText('command=${1:a\\}b\\$c\\\\d}'), 'command=a}b$c\\d');
  assert.equal(snippetText('k=${1|a\\,b,c\\|d|} $0'), 'k=a,b ');
  assert.equal(snippetText('x=${1}y$12z'), 'x=yz');
  assert.equal(snippetText('%(here)s $ {1} 50%'), '%(here)s $ {1} 50%');
});
