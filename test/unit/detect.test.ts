// Content detection: supervisor configs are claimed by their first section header, and the other INI-like files
// that share .conf/.ini (nginx, systemd, php-fpm, my.cnf, git config, tox.ini, setup.cfg, Windows INI) are not.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DETECT_BYTES, isSupervisorConfig } from '../../server/src/detect';

const FIXTURES = join('test', 'fixtures', 'detect');
const corpus = (kind: 'supervisor' | 'other') =>
  readdirSync(join(FIXTURES, kind)).map((name) => ({ name, text: readFileSync(join(FIXTURES, kind, name), 'utf8') }));

describe('isSupervisorConfig', () => {
  const supervisor = corpus('supervisor');
  const other = corpus('other');

  test('the corpora hold the examples the detection is judged on', () => {
    assert.ok(supervisor.length >= 12, supervisor.map((f) => f.name).join(', '));
    assert.ok(other.length >= 19, other.map((f) => f.name).join(', '));
  });

  for (const { name, text } of supervisor) test(`claims supervisor/${name}`, () => assert.equal(isSupervisorConfig(text), true));
  for (const { name, text } of other) test(`leaves other/${name} alone`, () => assert.equal(isSupervisorConfig(text), false));

  test('every supervisor-only section kind is claimed as a first header', () => {
    for (const header of [
      'supervisord',
      'supervisorctl',
      'unix_http_server',
      'inet_http_server',
      'program:a',
      'group:a',
      'eventlistener:a',
      'fcgi-program:a',
      'rpcinterface:a',
      'ctlplugin:a',
    ]) {
      assert.equal(isSupervisorConfig(`[${header}]\n`), true, header);
    }
  });

  test('[include] counts only with files=, in its own section', () => {
    assert.equal(isSupervisorConfig('[include]\nfiles = conf.d/*.conf\n'), true);
    assert.equal(isSupervisorConfig('[include]\n  FILES : a.conf\n'), true);
    assert.equal(isSupervisorConfig('[include]\npath = ~/.gitconfig.local\n'), false);
    assert.equal(isSupervisorConfig('[include]\n[program:x]\nfiles = a.conf\n'), false);
    assert.equal(isSupervisorConfig('[include]\nfilesystem = x\n'), false);
  });

  test('only the first header decides', () => {
    assert.equal(isSupervisorConfig('[program:web]\ncommand=/bin/cat\n[www]\nuser=www-data\n'), true);
    assert.equal(isSupervisorConfig('[www]\nuser=www-data\n[program:web]\ncommand=/bin/cat\n'), false);
  });

  test('a key before any header, or an unclosed header, is not a supervisor config', () => {
    assert.equal(isSupervisorConfig('command=/bin/cat\n[program:web]\n'), false);
    assert.equal(isSupervisorConfig('[program:web\ncommand=/bin/cat\n'), false);
  });

  test('reads no further than DETECT_BYTES', () => {
    const padding = `${'; padding\n'.repeat(Math.ceil(DETECT_BYTES / 10))}`;
    assert.equal(isSupervisorConfig(`${padding}[program:late]\n`), false);
    assert.equal(isSupervisorConfig(`; short\n[program:early]\n${padding}`), true);
  });

  test('stays fast on a huge file of brackets', () => {
    const hostile = '['.repeat(10_000_000);
    const started = performance.now();
    assert.equal(isSupervisorConfig(hostile), false);
    assert.ok(performance.now() - started < 500);
  });
});
