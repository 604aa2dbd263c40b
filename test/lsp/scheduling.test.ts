// How the server schedules work: a burst of edits is analysed at its newest version (superseded versions are never
// published after a newer one arrived), a lone edit is published, every publish names its version, and a request
// cancelled while the server was busy is answered as cancelled.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CompletionItem, Hover } from 'vscode-languageserver';
import { LspClient } from '../helpers/lspClient';

/** A config large enough that one analysis takes a while (hundreds of Celery workers). */
function bigConfig(programs: number): string {
  const parts = ['[supervisord]\n'];
  for (let i = 0; i < programs; i++)
    parts.push(
      `[program:worker${i}]\ncommand=celery -A proj worker -P gevent -c 10 --max-memory-per-child=${100000 + i}\nstopwaitsecs=600\n`,
    );
  return parts.join('\n');
}

describe('scheduling', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.close());

  test('a burst of edits is published once for its newest version, never for an older one after a newer', async () => {
    const uri = 'file:///burst/supervisord.conf';
    await client.open(uri, bigConfig(1500));
    await client.diagnosticsFor(uri);
    const before = client.published.length;
    const edits: Promise<void>[] = [];
    for (let i = 0; i < 20; i++)
      edits.push(client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: ';' }]));
    await Promise.all(edits);
    const last = await client.diagnosticsFor(uri);
    const versions = client.published
      .slice(before)
      .filter((p) => p.uri === uri)
      .map((p) => p.version!);
    assert.ok(last.length > 0);
    assert.equal(versions[versions.length - 1], 21, `published versions: ${versions.join(', ')}`);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      `out of order: ${versions.join(', ')}`,
    );
    assert.ok(versions.length < 20, `every version was analysed: ${versions.join(', ')}`);
  });

  test('a lone edit is published for its version', async () => {
    const uri = 'file:///lone/supervisord.conf';
    await client.open(uri, '[supervisord]\n[program:w]\ncommand=celery -A p worker -l info\nstopwaitsecs=600\n');
    assert.deepEqual(await client.diagnosticsFor(uri), []);
    await client.edit(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'stopsignal=KILL\n' }]);
    const diagnostics = await client.diagnosticsFor(uri);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['celery/cold-stop-signal'],
    );
  });

  test('a request cancelled while the server is busy is answered as cancelled', async () => {
    const uri = 'file:///cancel/supervisord.conf';
    await client.open(uri, bigConfig(1500));
    await client.diagnosticsFor(uri);
    await client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: ';' }]);
    // The hover and its cancellation are read together, as a busy server reads what arrived meanwhile (sent one after
    // the other, they raced the server's turns: a fast enough server answered the hover before the cancellation came).
    const hover = await client.sendTogether(
      [
        { id: 'hover-1', method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 3, character: 2 } } },
        { method: '$/cancelRequest', params: { id: 'hover-1' } },
      ],
      'hover-1',
    );
    assert.equal(hover.error?.code, -32800, JSON.stringify(hover));
    // Still serving.
    const answer = await client.request<{ contents: unknown } | null>('textDocument/hover', uri, { position: { line: 2, character: 2 } });
    assert.ok(answer);
  });

  test('edits analysed from the previous version publish what a fresh open of the same text gets', async () => {
    const uri = 'file:///incremental/supervisord.conf';
    await client.open(uri, bigConfig(60));
    await client.diagnosticsFor(uri);
    const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });
    // Worker 20's header is on line 82: type into its command and add keys to it, then remove worker 30's stopwaitsecs.
    const typing: { range: ReturnType<typeof at>; newText: string }[][] = [
      [{ range: at(83, 29), newText: 'x' }],
      [{ range: { start: { line: 83, character: 29 }, end: { line: 83, character: 30 } }, newText: '' }],
      [{ range: at(83, 29), newText: ' -l info' }],
      [{ range: at(85, 0), newText: 'stopsignal=KILL\nnumprocs=2\n' }],
      [{ range: { start: { line: 126, character: 0 }, end: { line: 127, character: 0 } }, newText: '' }],
    ];
    for (const edits of typing) {
      await client.edit(uri, edits);
      await client.diagnosticsFor(uri);
    }
    const typed = await client.diagnosticsFor(uri);
    const fresh = 'file:///incremental-fresh/supervisord.conf';
    await client.open(fresh, client.text(uri));
    assert.ok(typed.some((d) => d.code === 'celery/cold-stop-signal'));
    assert.deepEqual(typed, await client.diagnosticsFor(fresh));
  });

  test('a completion and a hover asked right after an edit read the edited text, and code actions its findings', async () => {
    const uri = 'file:///request-after-edit/supervisord.conf';
    await client.open(uri, bigConfig(300));
    await client.diagnosticsFor(uri);
    // A new program typed at the end; the completion of memmon's -p and the hover on the new section ask at once.
    const end = client.text(uri).split('\n').length - 1;
    const added =
      '[program:fresh]\ncommand=celery -A proj worker\nstopsignal=KILL\n[eventlistener:memmon]\ncommand=memmon -p fr\nevents=TICK_60\n';
    const edited = client.edit(uri, [{ range: { start: { line: end, character: 0 }, end: { line: end, character: 0 } }, newText: added }]);
    const completion = client.request<CompletionItem[]>('textDocument/completion', uri, { position: { line: end + 4, character: 20 } });
    const hover = client.request<Hover | null>('textDocument/hover', uri, { position: { line: end, character: 11 } });
    await edited;
    const items = await completion;
    assert.ok(
      items.some((item) => item.label === 'fresh'),
      JSON.stringify(items.map((i) => i.label).slice(0, 20)),
    );
    assert.match(JSON.stringify((await hover)?.contents), /\[program:fresh\]/);
    const diagnostics = await client.diagnosticsFor(uri);
    const cold = diagnostics.find((d) => d.code === 'celery/cold-stop-signal' && d.range.start.line === end + 2);
    assert.ok(cold, JSON.stringify(diagnostics.map((d) => d.code)));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', uri, {
      range: cold.range,
      context: { diagnostics: [cold] },
    });
    assert.ok(actions.some((a) => a.diagnostics?.[0]?.code === 'celery/cold-stop-signal'));
  });
});
