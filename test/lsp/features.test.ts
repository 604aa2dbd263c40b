// Editor features over the real protocol (dist/server.js --stdio): each request and its exact result.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type {
  CodeLens,
  CompletionItem,
  DocumentHighlight,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Range,
  SelectionRange,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../helpers/lspClient';

const at = (line: number, character: number) => ({ position: { line, character } });
const labels = (items: CompletionItem[] | null) => (items ?? []).map((i) => i.label);
const hoverText = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
const range = (sl: number, sc: number, el: number, ec: number): Range => ({
  start: { line: sl, character: sc },
  end: { line: el, character: ec },
});

const WORKER = [
  '[supervisord]', // 0
  '', // 1
  '[program:worker]', // 2
  'command=celery -A proj worker --pool=gevent -c 20 --max-memory-per-child=262144', // 3
  'numprocs=2', // 4
  'process_name=%(program_name)s_%(process_num)02d', // 5
  'stdout_logfile_maxbytes=50MB', // 6
  '', // 7
  '[eventlistener:memmon]', // 8
  'command=memmon -g worker=1GB', // 9
  'events=TICK_60', // 10
  '', // 11
].join('\n');

describe('editor features over stdio', () => {
  let client: LspClient;
  const uri = 'file:///srv/app/supervisord.conf';
  before(async () => {
    client = new LspClient();
    await client.initialize();
    await client.open(uri, WORKER);
    await client.diagnosticsFor(uri);
  });
  after(() => client.close());

  describe('completion', () => {
    test('keys the section lacks, with docs; none it already has', async () => {
      await client.edit(uri, [{ range: range(7, 0, 7, 0), newText: 'auto' }]);
      const items = await client.request<CompletionItem[]>('textDocument/completion', uri, at(7, 4));
      const names = labels(items);
      assert.ok(names.includes('autostart') && names.includes('stopwaitsecs'), names.join());
      assert.ok(!names.includes('numprocs') && !names.includes('command') && !names.includes('events'), names.join());
      const autostart = items.find((i) => i.label === 'autostart')!;
      assert.deepEqual(autostart.textEdit, { range: range(7, 0, 7, 4), newText: 'autostart=true' });
      assert.match(JSON.stringify(autostart.documentation), /Default: `true`/);
      await client.edit(uri, [{ range: range(7, 0, 7, 4), newText: '' }]);
    });
    test('section headers, without singletons already present', async () => {
      await client.edit(uri, [{ range: range(11, 0, 11, 0), newText: '[' }]);
      const names = labels(await client.request('textDocument/completion', uri, at(11, 1)));
      assert.ok(names.includes('[program:…]') && names.includes('[inet_http_server]'), names.join());
      assert.ok(!names.includes('[supervisord]'));
      await client.edit(uri, [{ range: range(11, 0, 11, 1), newText: '' }]);
    });
    test('values of typed keys, pools after --pool=, events, expansion names', async () => {
      await client.edit(uri, [{ range: range(7, 0, 7, 0), newText: 'autorestart=' }]);
      assert.deepEqual(labels(await client.request('textDocument/completion', uri, at(7, 12))), ['unexpected', 'true', 'false']);
      await client.edit(uri, [{ range: range(7, 0, 7, 12), newText: '' }]);
      const pools = labels(await client.request('textDocument/completion', uri, at(3, 37)));
      assert.deepEqual(pools, ['prefork', 'threads', 'gevent', 'eventlet', 'solo', 'processes', 'custom']);
      const events = labels(await client.request('textDocument/completion', uri, at(10, 14)));
      assert.ok(events.includes('TICK_60') && events.includes('PROCESS_STATE_EXITED'));
      const expansions = labels(await client.request('textDocument/completion', uri, at(5, 15)));
      assert.deepEqual(expansions, [
        '%(here)s',
        '%(program_name)s',
        '%(group_name)s',
        '%(host_node_name)s',
        '%(process_num)d',
        '%(numprocs)d',
        '%(ENV_…)s',
      ]);
    });
    test('worker options not yet given, and group names after memmon -g', async () => {
      await client.edit(uri, [{ range: range(3, 79, 3, 79), newText: ' --' }]);
      const options = labels(await client.request('textDocument/completion', uri, at(3, 82)));
      assert.ok(options.includes('--loglevel') && options.includes('--max-tasks-per-child'), options.join());
      assert.ok(!options.includes('--pool') && !options.includes('--concurrency'), options.join());
      await client.edit(uri, [{ range: range(3, 79, 3, 82), newText: '' }]);
      const groups = labels(await client.request('textDocument/completion', uri, at(9, 18)));
      assert.deepEqual(groups, ['worker', 'memmon']);
    });
  });

  describe('hover', () => {
    test('a key: description, default, version', async () => {
      const text = hoverText(await client.request('textDocument/hover', uri, at(4, 2)));
      assert.match(text, /\*\*numprocs\*\*/);
      assert.match(text, /Default: `1`/);
    });
    test('--max-memory-per-child on gevent: KiB in MB, and no total, since the pool has no children to limit', async () => {
      const text = hoverText(await client.request('textDocument/hover', uri, at(3, 60)));
      assert.match(
        text,
        /262,144 KiB = 256 MB\. ⚠ The `gevent` pool ignores this limit: it runs its tasks without child processes to replace\.$/,
      );
      assert.doesNotMatch(text, /in all|children/);
    });
    test('%(process_num)02d lists the process numbers; a byte size shows MB', async () => {
      assert.match(hoverText(await client.request('textDocument/hover', uri, at(5, 35))), /the process number: 0, 1/);
      assert.match(hoverText(await client.request('textDocument/hover', uri, at(6, 26))), /52,428,800 bytes \(50 MB\)/);
    });
    test('a program name: its processes and group', async () => {
      assert.match(
        hoverText(await client.request('textDocument/hover', uri, at(2, 11))),
        /2 processes \(`worker_00`, `worker_01`\) in group `worker`/,
      );
    });
  });

  test('document symbols: sections with their keys', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', uri);
    assert.deepEqual(
      symbols.map((s) => [s.name, s.kind, s.children?.length]),
      [
        ['[supervisord]', 2, 0],
        ['[program:worker]', 5, 4],
        ['[eventlistener:memmon]', 24, 2],
      ],
    );
    assert.deepEqual(symbols[1].selectionRange, range(2, 0, 2, 16));
  });

  test('folding ranges per section', async () => {
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', uri);
    assert.deepEqual(
      folds.map((f) => [f.startLine, f.endLine]),
      [
        [2, 6],
        [8, 10],
      ],
    );
  });

  test('selection ranges grow from a word to the section', async () => {
    const [selection] = await client.request<SelectionRange[]>('textDocument/selectionRange', uri, {
      positions: [{ line: 3, character: 16 }],
    });
    const chain: Range[] = [];
    for (let s: SelectionRange | undefined = selection; s; s = s.parent) chain.push(s.range);
    assert.deepEqual(chain.slice(0, 4), [range(3, 15, 3, 17), range(3, 8, 3, 79), range(3, 0, 3, 79), range(2, 0, 6, 28)]);
  });

  test('highlights of a program name in this file', async () => {
    const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', uri, at(9, 19));
    assert.deepEqual(
      highlights.map((h) => [h.range, h.kind]),
      [
        [range(2, 9, 2, 15), 3],
        [range(9, 18, 9, 24), 2],
      ],
    );
  });

  test('code lens above each program', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', uri);
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['2 processes: worker_00, worker_01  |  celery worker · pool gevent · concurrency 20 · memmon limit 1GB', '1 process: memmon'],
    );
  });

  test('formatting: spacing, trailing whitespace, one blank line between sections; idempotent', async () => {
    const messy =
      '[supervisord]\nnodaemon = true  \n[program:a]\ncommand=/bin/cat ; run\nautostart=;x\n\n\n\n; leading comment\n[program:b]\ncommand =  /bin/true\n';
    const formatUri = 'file:///srv/app/format.conf';
    await client.open(formatUri, messy);
    const edits = await client.request<TextEdit[]>('textDocument/formatting', formatUri, { options: { tabSize: 4, insertSpaces: true } });
    const formatted = TextDocument.applyEdits(TextDocument.create(formatUri, 'supervisor', 1, messy), edits);
    assert.equal(
      formatted,
      '[supervisord]\nnodaemon=true\n\n[program:a]\ncommand=/bin/cat ; run\nautostart=;x\n\n; leading comment\n[program:b]\ncommand=/bin/true\n',
    );
    await client.edit(formatUri, edits);
    assert.deepEqual(await client.request('textDocument/formatting', formatUri, { options: { tabSize: 4, insertSpaces: true } }), []);
  });
});

describe('values, paths, comments and ranges over stdio', () => {
  let client: LspClient;
  let root: string;
  let uri: string;
  const lines = (dir: string) => [
    '[supervisord]', // 0
    `directory=${dir}`, // 1
    '', // 2
    '; Celery workers', // 3
    '; of the app', // 4
    '[program:worker]', // 5
    'command=celery -A proj worker -l info', // 6
    `stdout_logfile=${dir}/logs/worker.log`, // 7
    `stderr_logfile=${dir}/logs/missing.log`, // 8
    'stopsignal=TERM', // 9
    'autostart=yes', // 10
    'umask=022', // 11
    'autorestart=unexpected', // 12
    '', // 13
    '[program:x]  ', // 14
    'command =  /bin/cat  ', // 15
    'autostart =  true', // 16
  ];
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'supervisor-paths-'));
    mkdirSync(join(root, 'logs'));
    writeFileSync(join(root, 'logs', 'worker.log'), '');
    uri = pathToFileURL(join(root, 'supervisord.conf')).toString();
    client = new LspClient();
    await client.initialize();
    await client.open(uri, lines(root).join('\n'));
    await client.diagnosticsFor(uri);
  });
  after(() => client.close());

  test('hover on a value says what supervisord makes of it', async () => {
    const first = async (line: number, character: number) =>
      hoverText(await client.request('textDocument/hover', uri, at(line, character))).split('\n\n')[0];
    assert.equal(
      await first(9, 12),
      '`TERM` is SIGTERM (15 on Linux). For this Celery worker: warm shutdown: the worker takes no new tasks and finishes the running ones (give it `stopwaitsecs` for that); cold instead when `REMAP_SIGTERM=SIGQUIT` is in its environment.',
    );
    assert.equal(await first(10, 11), '`yes` reads as **true**.');
    assert.equal(await first(11, 7), '`022`: new files get rw-r--r--, new directories rwxr-xr-x.');
    assert.equal(await first(12, 14), '`unexpected`: the process is restarted only when its exit code is not listed in `exitcodes`.');
    assert.equal(await first(5, 3), '**[program:name]**');
  });

  test('links to the directory and log files that exist here, not to missing ones', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', uri);
    assert.deepEqual(
      links.map((l) => [l.range.start.line, l.target]),
      [
        [1, pathToFileURL(root).toString()],
        [7, pathToFileURL(join(root, 'logs', 'worker.log')).toString()],
      ],
    );
  });

  test('a comment block folds on its own', async () => {
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', uri);
    assert.deepEqual(
      folds.map((f) => [f.startLine, f.endLine, f.kind]),
      [
        [0, 1, undefined],
        [3, 4, 'comment'],
        [5, 12, undefined],
        [14, 16, undefined],
      ],
    );
  });

  test('range formatting touches only the lines asked for', async () => {
    const text = lines(root).join('\n');
    const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', uri, {
      range: range(14, 0, 15, 3),
      options: { tabSize: 4, insertSpaces: true },
    });
    const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'supervisor', 1, text), edits).split('\n');
    assert.deepEqual(formatted.slice(14), ['[program:x]', 'command=/bin/cat', 'autostart =  true']);
    assert.deepEqual(formatted.slice(0, 14), lines(root).slice(0, 14));
  });
});

describe('untitled documents (single-file mode)', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.close());

  test('an untitled config gets diagnostics, completion, symbols and rename', async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, '[supervisord]\n[program:web]\ncommand=celery -A p worker\nautostart=maybe\n[group:g]\nprograms=web\n');
    const codes = (await client.diagnosticsFor(uri)).map((d) => d.code);
    assert.deepEqual(codes, ['celery/shutdown-timeout-default', 'celery/task-logging-disabled', 'config/invalid-value']);
    assert.ok(labels(await client.request('textDocument/completion', uri, at(3, 10))).includes('true'));
    assert.equal((await client.request<DocumentSymbol[]>('textDocument/documentSymbol', uri)).length, 3);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', uri, { ...at(1, 10), newName: 'api' });
    assert.deepEqual(
      edit.changes![uri].map((e) => e.range.start.line),
      [1, 5],
    );
  });
});

describe('navigation across files', () => {
  let client: LspClient;
  let root: string;
  const file = (name: string) => pathToFileURL(join(root, name)).toString();
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'supervisor-nav-'));
    mkdirSync(join(root, 'conf.d'));
    writeFileSync(
      join(root, 'supervisord.conf'),
      '[supervisord]\n[include]\nfiles = conf.d/*.conf\n[eventlistener:memmon]\ncommand=memmon -p api=512MB\nevents=TICK_60\n',
    );
    writeFileSync(join(root, 'conf.d', 'api.conf'), '[program:api]\ncommand=/bin/cat\n[group:web]\nprograms=api\n');
    client = new LspClient();
    await client.initialize();
    for (const name of ['supervisord.conf', 'conf.d/api.conf']) {
      await client.open(file(name), readFileSync(join(root, name), 'utf8'));
    }
  });
  after(() => client.close());

  test('definition of a memmon -p name is the [program:x] in the included file', async () => {
    const locations = await client.request<Location[]>('textDocument/definition', file('supervisord.conf'), at(4, 19));
    assert.deepEqual(locations, [{ uri: file('conf.d/api.conf'), range: range(0, 9, 0, 12) }]);
  });
  test('definition on an include glob lists the matched files; a link points to them', async () => {
    const locations = await client.request<Location[]>('textDocument/definition', file('supervisord.conf'), at(2, 12));
    assert.deepEqual(
      locations.map((l) => l.uri),
      [file('conf.d/api.conf')],
    );
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', file('supervisord.conf'));
    assert.deepEqual(
      links.map((l) => [l.range, l.target]),
      [[range(2, 8, 2, 21), file('conf.d/api.conf')]],
    );
  });
  test('references from the fragment include the main config', async () => {
    const locations = await client.request<Location[]>('textDocument/references', file('conf.d/api.conf'), {
      ...at(0, 10),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      locations.map((l) => [l.uri, l.range.start.line]).sort(),
      [
        [file('conf.d/api.conf'), 0],
        [file('conf.d/api.conf'), 3],
        [file('supervisord.conf'), 4],
      ].sort(),
    );
  });
  test('rename updates every file; prepareRename and bad names are refused', async () => {
    assert.deepEqual(await client.request('textDocument/prepareRename', file('conf.d/api.conf'), at(3, 10)), {
      range: range(3, 9, 3, 12),
      placeholder: 'api',
    });
    assert.equal(await client.request('textDocument/prepareRename', file('conf.d/api.conf'), at(1, 3)), null);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', file('conf.d/api.conf'), { ...at(0, 10), newName: 'backend' });
    assert.deepEqual(Object.keys(edit.changes!).sort(), [file('conf.d/api.conf'), file('supervisord.conf')].sort());
    assert.deepEqual(edit.changes![file('supervisord.conf')], [{ range: range(4, 18, 4, 21), newText: 'backend' }]);
    await assert.rejects(
      client.request('textDocument/rename', file('conf.d/api.conf'), { ...at(0, 10), newName: 'my api' }),
      /Invalid name/,
    );
  });
  test('rename refuses names that break a value and names already taken', async () => {
    const refusal = (newName: string) => client.request('textDocument/rename', file('conf.d/api.conf'), { ...at(0, 10), newName });
    await assert.rejects(refusal('api\n[program:x]'), /Invalid name: a name cannot contain whitespace/);
    await assert.rejects(
      refusal('api,web'),
      /Invalid name: a name cannot contain ",": it would split the name in a \[group:x\] programs= list/,
    );
    await assert.rejects(refusal('api%'), /Invalid name: a name cannot contain "%"/);
    await assert.rejects(refusal('web'), /Invalid name: web already names a program or group in this configuration/);
    await assert.rejects(refusal('memmon'), /already names a program or group/);
    // The server still answers after refusals.
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', file('conf.d/api.conf'), { ...at(0, 10), newName: 'api;v2' });
    assert.deepEqual(edit.changes![file('supervisord.conf')], [{ range: range(4, 18, 4, 21), newText: 'api;v2' }]);
  });
});
