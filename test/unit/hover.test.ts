import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hover } from '../../server/src/features/hover';
import { analyzeDocument } from '../../server/src/lint';
import { passedOnKeySchema, sectionSchema } from '../../server/src/schema';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { memorySource } from '../helpers/memorySource';

/** The hover text at the `|` of a text; with `files`, of the file at `path` among them (its text the marked one). */
function hoverText(text: string, path?: string, files?: Record<string, string>): string {
  const offset = text.indexOf('|');
  const before = text.slice(0, offset);
  const position = { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
  const unmarked = before + text.slice(offset + 1);
  const source = files && memorySource({ ...files, [path!]: unmarked });
  const contents = hover(analyzeDocument(unmarked, path, DEFAULT_SETTINGS, source), position)?.contents;
  return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

test("a plugin section's own setting is described as what its factory gets", () => {
  const plugin = '[rpcinterface:cache]\nsupervisor.rpcinterface_factory = supervisor_cache.rpcinterface:make_cache_rpcinterface\n';
  assert.match(
    hoverText(`${plugin}pass|word=secret\n`),
    /^\*\*password\*\*\n\nPassed to the factory as a keyword argument .*Expands: `%\(ENV_X\)s`/s,
  );
  // A program's unknown key is nothing supervisord reads.
  assert.equal(hoverText('[program:web]\ncommand=/bin/cat\npass|word=secret\n'), '');
});

test('a passed-on key has one schema per section and name, read with ENV_X names only', () => {
  const rpc = sectionSchema('rpcinterface:cache')!;
  assert.equal(passedOnKeySchema(rpc, 'password'), passedOnKeySchema(rpc, 'password'));
  assert.deepEqual(passedOnKeySchema(rpc, 'password')?.expansions, ['ENV']);
  assert.equal(passedOnKeySchema(sectionSchema('program:web')!, 'password'), undefined);
});

test("%(ENV_X)s is the value [supervisord]'s environment= gives it, where supervisord reads it after that", () => {
  const config =
    '[supervisord]\nenvironment=LOGS="/var/log/app"\nlogfile=%(ENV_LO|GS)s/supervisord.log\n\n[program:web]\ncommand=/bin/cat\nstdout_logfile=%(ENV_LO|GS)s/web.log\n';
  const [inSupervisord, inProgram] = [0, 1].map((n) => {
    const marks = [...config.matchAll(/\|/g)].map((m) => m.index);
    const text = config.slice(0, marks[n]).replace(/\|/g, '') + '|' + config.slice(marks[n] + 1).replace(/\|/g, '');
    return hoverText(text);
  });
  assert.match(inProgram, /expands to `\/var\/log\/app`, which \[supervisord\]'s environment= sets\./);
  // [supervisord] reads its logfile before its environment=: the server's variable.
  assert.match(inSupervisord, /expands to the environment variable `LOGS` as supervisord sees it\./);
});

test("%(ENV_X)s in a key read for each process is first the program's own environment= value", () => {
  const program = (key: string) =>
    `[supervisord]\nenvironment=LOGS="/var/log/app"\n\n[program:web]\ncommand=/bin/cat\nenvironment=LOGS="/srv/web/logs"\n${key}=%(ENV_LO|GS)s/web\n`;
  assert.match(hoverText(program('stdout_logfile')), /expands to `\/srv\/web\/logs`, which \[program:web\]'s environment= sets\./);
  // Read before the processes (and so before the program's environment=): [supervisord]'s value.
  assert.match(hoverText(program('user')), /expands to `\/var\/log\/app`, which \[supervisord\]'s environment= sets\./);
});

test("a log file value says where the stream goes and how supervisord rotates it, from the program's settings", () => {
  const program = (lines: string) => `[program:worker]\ncommand=/bin/cat\n${lines}`;
  assert.match(
    hoverText(program('stdout_logfile=/var/log/w|orker.log\n')),
    /^`\/var\/log\/worker\.log`: each process writes this file through a handler of its own\. Rotated at 50MB, 10 backups kept \(`\.1` to `\.10`\)\./,
  );
  assert.match(
    hoverText(program('stdout_logfile=/var/log/w|.log\nstdout_logfile_maxbytes=1MB\nstdout_logfile_backups=1\n')),
    /Rotated at 1MB, 1 backup kept \(`\.1`\)\./,
  );
  assert.match(
    hoverText(program('stdout_logfile=/var/log/w|.log\nstdout_logfile_maxbytes=0\n')),
    /Never rotated \(`stdout_logfile_maxbytes=0`\)\./,
  );
  assert.match(
    hoverText(program('stderr_logfile=AU|TO\n')),
    /^`AUTO`: supervisord writes a file of its own in `childlogdir` \(named `worker-stderr---supervisor-….log`\)/,
  );
  assert.match(hoverText(program('stdout_logfile=o|ff\n')), /^`off`: no log file, the stdout output is discarded/);
  assert.match(
    hoverText(program('stderr_logfile=/var/log/w|.err\nredirect_stderr=true\n')),
    /^`redirect_stderr=true`: stderr goes into the stdout log/,
  );
});

test('a program copied in an override file is described as supervisord merges the copies', () => {
  const files = {
    '/etc/supervisor/supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n',
    '/etc/supervisor/conf.d/worker.override.conf': '[program:worker]\nnumprocs=3\nnumprocs_start=1\n',
  };
  const worker = (marked: string) => hoverText(marked, '/etc/supervisor/conf.d/worker.conf', files).split('\n\n')[0];
  const memory = (marked: string, inConfiguration = true) =>
    (inConfiguration ? hoverText(marked, '/etc/supervisor/conf.d/worker.conf', files) : hoverText(marked)).split('\n\n').at(-1);
  const text =
    '[program:worker]\ncommand=celery -A p worker -c 2 --max-memory-per-child=262144\nprocess_name=%(program_name)s_%(process_num)d\n';
  assert.equal(
    worker(text.replace('worker]', 'wor|ker]')),
    '**[program:worker]**: 3 processes (`worker_1`, `worker_2`, `worker_3`) in group `worker`.',
  );
  assert.equal(worker(text.replace('process_num)d', 'process_n|um)d')), '`%(process_num)d` expands to the process number: 1, 2, 3.');
  assert.match(memory(text.replace('=262144', '=26|2144'))!, /256 MB × 2 children × 3 processes = 1,536 MB in all/);
  // The same file alone runs one process.
  assert.match(memory(text.replace('=262144', '=26|2144'), false)!, /256 MB × 2 children × 1 process = 512 MB in all/);
});

test("a log file's rotation and redirect_stderr are read from every copy of the program's section", () => {
  const files = {
    '/etc/supervisor/supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n',
    '/etc/supervisor/conf.d/worker.override.conf': '[program:worker]\nstdout_logfile_maxbytes=0\nredirect_stderr=true\n',
  };
  const text = '[program:worker]\ncommand=/bin/cat\nstdout_logfile=/var/log/worker.log\nstderr_logfile=/var/log/worker.err\n';
  const note = (marked: string) => hoverText(marked, '/etc/supervisor/conf.d/worker.conf', files).split('\n\n')[0];
  assert.match(note(text.replace('worker.log', 'wor|ker.log')), /Never rotated \(`stdout_logfile_maxbytes=0`\)\.$/);
  assert.match(note(text.replace('worker.err', 'wor|ker.err')), /^`redirect_stderr=true`: stderr goes into the stdout log/);
  assert.match(hoverText(text.replace('worker.log', 'wor|ker.log')), /Rotated at 50MB, 10 backups kept/);
});
