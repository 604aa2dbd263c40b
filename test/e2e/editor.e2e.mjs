// End-to-end: the packaged .vsix in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) in Chromium, driven
// through the editor's own UI. Every scenario asserts on what the user sees. Run with `npm run test:e2e`.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startCodeServer } from './codeServer.mjs';
import { startSupervisord, SUPERVISORD } from './supervisord.mjs';
import { openBrowser, TIMEOUT, waitForFile, Workbench } from './workbench.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENSHOTS = join(ROOT, 'test', 'e2e', 'screenshots');
const VSIX =
  process.env.SUPERVISOR_VSIX ??
  join(ROOT, `vscode-supervisor-${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}.vsix`);
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'editor.hover.delay': 200,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
};

rmSync(SCREENSHOTS, { recursive: true, force: true });
mkdirSync(SCREENSHOTS, { recursive: true });

/**
 * One code-server per describe block. `scenario` runs a test; on failure it saves a screenshot and names it and the
 * code-server log in the error.
 */
function editorSession() {
  const session = { server: undefined, browser: undefined, bench: undefined };
  session.scenario = (name, body) =>
    test(name, async () => {
      try {
        await session.bench.reset();
        await body();
      } catch (error) {
        const shot = join(SCREENSHOTS, `FAILED-${name.replace(/\W+/g, '-')}.png`);
        await session.bench?.page.screenshot({ path: shot }).catch(() => undefined);
        error.message += `\nscreenshot: ${shot}\ncode-server log: ${session.server?.logFile}`;
        throw error;
      }
    });
  session.shoot = (name) => session.bench.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  session.start = async (workspace) => {
    session.server = await startCodeServer({ vsix: VSIX, workspace, settings: USER_SETTINGS });
    session.browser = await openBrowser();
    session.bench = await Workbench.open(session.browser, session.server.url);
  };
  session.stop = async () => {
    await session.browser?.close();
    session.server?.stop();
  };
  return session;
}

describe('VS Code end to end', () => {
  const session = editorSession();
  const { scenario, shoot } = session;
  let bench;
  let workspace;

  before(async () => {
    // A folder named supervisor/ so conf.d/*.conf matches the language's file patterns.
    workspace = join(mkdtempSync(join(tmpdir(), 'supervisor-ws-')), 'supervisor');
    mkdirSync(join(workspace, 'conf.d'), { recursive: true });
    copyFileSync(join(ROOT, 'test', 'fixtures', 'celery', 'gevent-max-memory.conf'), join(workspace, 'supervisord.conf'));
    writeFileSync(
      join(workspace, 'conf.d', 'celery.conf'),
      '; prefork worker with a 256 MB limit per child\n[program:celery]\ncommand=celery -A proj worker -l info --max-memory-per-child=262144\nstopwaitsecs=600\n',
    );
    await session.start(workspace);
    bench = session.bench;
  });

  after(() => session.stop());

  scenario('supervisor files get the Supervisor language and coloured headers, keys and comments', async () => {
    await bench.openFile('conf.d/celery.conf');
    assert.equal(await bench.languageMode(), 'Supervisor config');
    await bench.openFile('supervisord.conf');
    assert.equal(await bench.languageMode(), 'Supervisor config');
    await bench.page.locator('.view-line span', { hasText: 'command' }).first().waitFor({ timeout: TIMEOUT });
    const tokens = await bench.tokens();
    const classOf = (text) => tokens.find(([t]) => t.includes(text))?.[1];
    const header = classOf('program');
    const key = classOf('command');
    const comment = classOf('set-up from the tuning guide');
    assert.ok(header && key && comment, JSON.stringify(tokens));
    assert.equal(new Set([header, key, comment]).size, 3, `header ${header}, key ${key}, comment ${comment} should differ`);
    await shoot('colours');
  });

  scenario('the gevent + --max-memory-per-child warning, its Problems row, and the quick fix', async () => {
    await bench.openFile('supervisord.conf');
    await bench.page.locator('.squiggly-warning').first().waitFor({ timeout: TIMEOUT });
    await bench.showProblems();
    const row = bench.problemRow('celery/max-memory-per-child-ignored');
    await row.first().waitFor({ timeout: TIMEOUT });
    await shoot('warning-and-problems');
    await bench.goTo(7, 108);
    await bench.quickFix('Remove --max-memory-per-child');
    await row.first().waitFor({ state: 'detached', timeout: TIMEOUT });
    await bench.save();
    const original = readFileSync(join(ROOT, 'test', 'fixtures', 'celery', 'gevent-max-memory.conf'), 'utf8');
    const onDisk = await waitForFile(join(workspace, 'supervisord.conf'), (text) => text !== original);
    assert.equal(onDisk, original.replace(' --max-memory-per-child 262144', ''));
  });

  scenario('typing a worker without -l shows celery/task-logging-disabled, live', async () => {
    await bench.openFile('supervisord.conf');
    await bench.typeAtEnd(['', '[program:live]', 'command=celery -A proj worker --concurrency=2']);
    await bench.showProblems();
    await bench.problemRow('celery/task-logging-disabled').first().waitFor({ timeout: TIMEOUT });
    await shoot('live-diagnostic');
  });

  scenario('completion offers keys; the memmon snippet inserts a section without diagnostics', async () => {
    await bench.openFile('conf.d/celery.conf');
    await bench.page.keyboard.press('Control+End');
    await bench.page.keyboard.type('auto');
    await bench.page.keyboard.press('Control+Space');
    const keys = await bench.suggestions();
    assert.ok(
      keys.some((k) => k.includes('autostart')),
      keys.join(' | '),
    );
    await shoot('completion');
    await bench.page.keyboard.press('Escape');
    await bench.page.keyboard.press('Shift+Home');
    await bench.page.keyboard.press('Delete');
    await bench.page.keyboard.type('memmon');
    await bench.page.keyboard.press('Control+Space');
    const snippet = bench.page.locator('.suggest-widget .monaco-list-row', { hasText: 'memmon' });
    await snippet.first().waitFor({ timeout: TIMEOUT });
    await bench.page.keyboard.press('Enter');
    await bench.page.locator('.view-line', { hasText: '[eventlistener:memmon]' }).waitFor({ timeout: TIMEOUT });
    // The first placeholder, the program to watch, is selected: name this file's worker.
    await bench.page.keyboard.type('celery');
    await bench.page.locator('.view-line', { hasText: 'memmon -p celery=512MB' }).waitFor({ timeout: TIMEOUT });
    await bench.page.keyboard.press('Escape');
    // A deliberate mistake in a section of its own proves the inserted text has been analysed: it must then be the
    // file's only problem.
    await bench.typeAtEnd(['', '[program:probe]', 'command=/bin/cat', 'autostart=maybe']);
    await bench.showProblems();
    await bench.problemRow('config/invalid-value').first().waitFor({ timeout: TIMEOUT });
    const fileRow = bench.problemRow('celery.conf').first();
    assert.equal(
      (await fileRow.locator('.monaco-count-badge').innerText()).trim(),
      '1',
      await bench.page.locator('.markers-panel').innerText(),
    );
    await shoot('memmon-snippet');
  });

  scenario('hover on --max-memory-per-child explains it', async () => {
    await bench.openFile('conf.d/celery.conf');
    await bench.goTo(3, 46);
    const hover = await bench.hoverAtCursor();
    const text = await hover.innerText();
    assert.match(text, /KiB/);
    assert.match(text, /256 MB per child/);
    await shoot('hover');
  });

  scenario('a code lens above each program and the sections in the Outline view', async () => {
    await bench.openFile('conf.d/celery.conf');
    await bench.page.locator('.codelens-decoration', { hasText: 'celery worker · pool prefork' }).first().waitFor({ timeout: TIMEOUT });
    await bench.runCommand('Explorer: Focus on Outline View');
    const outline = bench.page.locator('.outline-pane .monaco-list-row');
    await outline.filter({ hasText: '[program:celery]' }).first().waitFor({ timeout: TIMEOUT });
    await shoot('codelens-outline');
  });

  scenario('changing supervisor.celery.minMemoryPerChildMB changes the diagnostics without a reload', async () => {
    await bench.openFile('conf.d/celery.conf');
    await bench.showProblems();
    assert.equal(await bench.problemRow('celery/max-memory-per-child-too-low').count(), 0);
    await bench.setSetting('supervisor.celery.minMemoryPerChildMB', 512);
    await bench.showProblems();
    await bench.problemRow('celery/max-memory-per-child-too-low').first().waitFor({ timeout: TIMEOUT });
    await shoot('setting-changed');
  });
});

describe('VS Code end to end: supervisor files anywhere', () => {
  const session = editorSession();
  const { scenario, shoot } = session;
  let bench;

  before(async () => {
    // No folder named supervisor/ or supervisord.d/: VS Code opens these .conf files as Properties by itself.
    const workspace = join(mkdtempSync(join(tmpdir(), 'supervisor-ws-')), 'deploy');
    mkdirSync(join(workspace, 'conf.d'), { recursive: true });
    writeFileSync(join(workspace, 'supervisord.conf'), '[supervisord]\nlogfile=/tmp/supervisord.log\n\n[include]\nfiles = conf.d/*.conf\n');
    writeFileSync(
      join(workspace, 'conf.d', 'web.conf'),
      '[program:web]\ncommand=/srv/app/venv/bin/gunicorn proj.wsgi -b 127.0.0.1:8000\nautostart=maybe\n',
    );
    // Its first header is misspelt, so only the include tells it is a supervisor file.
    writeFileSync(join(workspace, 'conf.d', 'legacy.conf'), '; the legacy worker\n[progam:legacy]\ncommand=/bin/cat\n');
    writeFileSync(join(workspace, 'nginx.conf'), 'server {\n    listen 80;\n}\n');
    await session.start(workspace);
    bench = session.bench;
  });

  after(() => session.stop());

  scenario('conf.d/web.conf opened first gets the Supervisor language by its content, and its diagnostics', async () => {
    await bench.openFile('conf.d/web.conf');
    await bench.page.locator('[id="status.editor.mode"]', { hasText: 'Supervisor config' }).waitFor({ timeout: TIMEOUT });
    await bench.showProblems();
    await bench.problemRow('config/invalid-value').first().waitFor({ timeout: TIMEOUT });
    await shoot('detected-by-content');
  });

  scenario('a file the open supervisord.conf includes gets the Supervisor language whatever its content', async () => {
    await bench.openFile('supervisord.conf');
    assert.equal(await bench.languageMode(), 'Supervisor config');
    await bench.openFile('conf.d/legacy.conf');
    await bench.page.locator('[id="status.editor.mode"]', { hasText: 'Supervisor config' }).waitFor({ timeout: TIMEOUT });
    await bench.showProblems();
    await bench.problemRow('config/unknown-section').first().waitFor({ timeout: TIMEOUT });
  });

  scenario('an nginx .conf stays Properties', async () => {
    await bench.openFile('nginx.conf');
    assert.equal(await bench.languageMode(), 'Properties');
  });
});

// Socket, pid file and logs in ../run, out of the workspace folder.
const LIVE_CONFIG = `; supervisord for the live scenario
[unix_http_server]
file=%(here)s/../run/supervisor.sock

[supervisord]
logfile=%(here)s/../run/supervisord.log
pidfile=%(here)s/../run/supervisord.pid
childlogdir=%(here)s/../run

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://%(here)s/../run/supervisor.sock

[program:web]
command=/bin/sleep 3600
stopwaitsecs=5

[program:worker]
command=/bin/sleep 3601
stopwaitsecs=5
`;

describe(
  'VS Code end to end: live supervisord',
  { skip: !existsSync(SUPERVISORD) && `${SUPERVISORD} is missing (apt-get install supervisor)` },
  () => {
    const session = editorSession();
    const { scenario } = session;
    let bench;
    let root;
    let config;
    let daemon;

    before(async () => {
      root = mkdtempSync(join(tmpdir(), 'supervisor-live-'));
      const workspace = join(root, 'supervisor');
      mkdirSync(workspace);
      mkdirSync(join(root, 'run'));
      config = join(workspace, 'supervisord.conf');
      writeFileSync(config, LIVE_CONFIG);
      daemon = await startSupervisord(config, join(root, 'run', 'supervisor.sock'));
      await session.start(workspace);
      bench = session.bench;
    });

    after(async () => {
      await session.stop();
      await daemon?.stop();
      rmSync(root, { recursive: true, force: true });
    });

    scenario('the process view lists the programs; a saved edit shows "not applied"; Apply restarts exactly that group', async () => {
      await bench.openFile('supervisord.conf');
      await bench.runCommand('supervisord: Show Processes');
      const view = bench.page.locator('.pane', { has: bench.page.locator('.pane-header', { hasText: 'Supervisord' }) });
      for (const name of ['web', 'worker'])
        await view.locator('.monaco-list-row', { hasText: name }).filter({ hasText: 'RUNNING' }).first().waitFor({ timeout: TIMEOUT });
      await bench.page.locator('.statusbar-item', { hasText: 'supervisord: 2/2' }).waitFor({ timeout: TIMEOUT });
      const before = daemon.pids();

      // worker's section is the last one: a line typed at the end belongs to it.
      await bench.openFile('supervisord.conf');
      await bench.typeAtEnd(['startsecs=0']);
      await bench.page.locator('.codelens-decoration', { hasText: 'save to compare' }).first().waitFor({ timeout: TIMEOUT });
      await bench.save();
      const lens = bench.page.locator('.codelens-decoration', { hasText: 'not applied: changed · update restarts worker' });
      await lens.first().waitFor({ timeout: TIMEOUT });
      assert.equal(
        await bench.page.locator('.codelens-decoration', { hasText: 'not applied' }).count(),
        1,
        'only the worker section is pending',
      );
      await bench.page.screenshot({ path: join(SCREENSHOTS, 'live.png') });

      await bench.page.locator('.codelens-decoration a', { hasText: 'Apply (update worker)' }).first().click();
      const dialog = bench.page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: TIMEOUT });
      const question = await dialog.innerText();
      assert.match(question, /Restarts: worker/);
      assert.match(question, /supervisorctl -c \S+supervisord\.conf update worker/);
      await dialog.locator('.monaco-button', { hasText: 'Apply' }).first().click();
      await bench.page.locator('.notification-toast', { hasText: 'update worker: worker: ' }).first().waitFor({ timeout: TIMEOUT });
      await lens.first().waitFor({ state: 'detached', timeout: TIMEOUT });

      const afterApply = daemon.pids();
      assert.equal(afterApply.web, before.web, 'web is not restarted');
      assert.ok(afterApply.worker > 0 && afterApply.worker !== before.worker, `worker restarted: ${before.worker} -> ${afterApply.worker}`);
    });
  },
);
