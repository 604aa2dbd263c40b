// findConnection: where supervisord listens and with which credentials, read from the config being edited.
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/model';
import { findConnection } from '../../server/src/live';

const at = (text: string, override?: string) => findConnection(analyzeText(text, '/etc/supervisor/supervisord.conf'), override);

test('[supervisorctl] serverurl comes first, %(here)s expanded, with its own credentials', () => {
  const text = `[unix_http_server]
file=/run/other.sock
username=server
password=serverpass

[supervisorctl]
serverurl = unix://%(here)s/../../run/supervisor.sock
username = ctl
password = ctlpass
`;
  assert.deepEqual(at(text), {
    kind: 'unix',
    socketPath: '/run/supervisor.sock',
    username: 'ctl',
    password: 'ctlpass',
    description: 'unix:///run/supervisor.sock ([supervisorctl] serverurl)',
  });
});

test('[unix_http_server] file when supervisorctl names no server, with that section credentials', () => {
  const text = `[unix_http_server]
file=%(here)s/supervisor.sock
username=admin
password=secret

[inet_http_server]
port=9001

[supervisorctl]
`;
  assert.deepEqual(at(text), {
    kind: 'unix',
    socketPath: '/etc/supervisor/supervisor.sock',
    username: 'admin',
    password: 'secret',
    description: 'unix:///etc/supervisor/supervisor.sock ([unix_http_server] file)',
  });
});

test('a server section named by prefix is found as the loader finds it, with its own name and credentials', () => {
  assert.deepEqual(at('[unix_http_server:local]\nfile=/run/local.sock\nusername=admin\npassword=secret\n'), {
    kind: 'unix',
    socketPath: '/run/local.sock',
    username: 'admin',
    password: 'secret',
    description: 'unix:///run/local.sock ([unix_http_server:local] file)',
  });
});

test('[inet_http_server] port: every interface (*, empty host) is reached at localhost; a {SHA} password is not sent', () => {
  const text = (port: string) =>
    `[inet_http_server]\nport=${port}\nusername=admin\npassword={SHA}e5e9fa1ba31ecd1ae84f75caaa474f3a663f05f4\n`;
  assert.deepEqual(at(text('*:9001')), {
    kind: 'http',
    host: 'localhost',
    port: 9001,
    username: 'admin',
    description: 'http://localhost:9001 ([inet_http_server] port)',
  });
  assert.deepEqual(at(text('9002')), {
    kind: 'http',
    host: 'localhost',
    port: 9002,
    username: 'admin',
    description: 'http://localhost:9002 ([inet_http_server] port)',
  });
  assert.deepEqual(at(text('Web.Example:9003')), {
    kind: 'http',
    host: 'web.example',
    port: 9003,
    username: 'admin',
    description: 'http://web.example:9003 ([inet_http_server] port)',
  });
  assert.deepEqual(at(text('127.0.0.1:http')), { error: '[inet_http_server] port = 127.0.0.1:http: not a port number' });
});

test('http:// server URLs: the port defaults to 80 as supervisorctl does; other schemes are refused', () => {
  assert.deepEqual(at('[supervisorctl]\nserverurl=http://127.0.0.1\n'), {
    kind: 'http',
    host: '127.0.0.1',
    port: 80,
    description: 'http://127.0.0.1:80 ([supervisorctl] serverurl)',
  });
  assert.deepEqual(at('[supervisorctl]\nserverurl=https://example.com:9001\n'), {
    error: 'https://example.com:9001: supervisorctl speaks only unix:// and http:// server URLs',
  });
});

test('the override wins over the config (a URL or a socket path) and keeps the config credentials', () => {
  const text = '[unix_http_server]\nfile=/run/a.sock\nusername=u\npassword=p\n[inet_http_server]\nport=9001\n';
  assert.deepEqual(at(text, ' /tmp/b.sock '), {
    kind: 'unix',
    socketPath: '/tmp/b.sock',
    username: 'u',
    password: 'p',
    description: 'unix:///tmp/b.sock (setting supervisor.live.serverUrl)',
  });
  assert.deepEqual(at(text, 'http://10.0.0.2:9001'), {
    kind: 'http',
    host: '10.0.0.2',
    port: 9001,
    description: 'http://10.0.0.2:9001 (setting supervisor.live.serverUrl)',
  });
  assert.deepEqual(at(text, ''), {
    kind: 'unix',
    socketPath: '/run/a.sock',
    username: 'u',
    password: 'p',
    description: 'unix:///run/a.sock ([unix_http_server] file)',
  });
});

test('%(ENV_X)s, [DEFAULT] values and ~ are read as supervisorctl reads them; an unknown name is an error', () => {
  process.env.SUPERVISOR_LIVE_TEST_DIR = '/srv/app';
  try {
    assert.deepEqual(at('[supervisorctl]\nserverurl=unix://%(ENV_SUPERVISOR_LIVE_TEST_DIR)s/s.sock\n'), {
      kind: 'unix',
      socketPath: '/srv/app/s.sock',
      description: 'unix:///srv/app/s.sock ([supervisorctl] serverurl)',
    });
  } finally {
    delete process.env.SUPERVISOR_LIVE_TEST_DIR;
  }
  assert.deepEqual(at('[DEFAULT]\nfile=/run/d.sock\n[unix_http_server]\n'), {
    kind: 'unix',
    socketPath: '/run/d.sock',
    description: 'unix:///run/d.sock ([unix_http_server] file)',
  });
  assert.equal((at('[unix_http_server]\nfile=~/s.sock\n') as { socketPath: string }).socketPath, `${homedir()}/s.sock`);
  assert.deepEqual(at('[supervisorctl]\nserverurl=unix://%(nope)s/s.sock\n'), {
    error: '[supervisorctl] serverurl = unix://%(nope)s/s.sock: %(nope)s is not known here',
  });
});

test('a fragment without any server: an error that says where to look', () => {
  const found = findConnection(analyzeText('[program:web]\ncommand=/bin/true\n', '/etc/supervisor/conf.d/web.conf'));
  assert.deepEqual(found, {
    error:
      '/etc/supervisor/conf.d/web.conf sets no [supervisorctl] serverurl, [unix_http_server] file or [inet_http_server] port: open the main supervisord.conf or set supervisor.live.serverUrl',
  });
});
