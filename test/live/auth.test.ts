// The connection layer against a real supervisord behind [inet_http_server] with a username and password.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/model';
import { findConnection, LiveError, SupervisorClient, type LiveTarget } from '../../server/src/live';
import { baseConfig, noSupervisord, startDaemon, type Daemon } from './daemon';

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const configFor = (port: number) =>
  baseConfig(`[inet_http_server]
port=127.0.0.1:${port}
username=admin
password=s3cret%%

[supervisorctl]
serverurl=http://127.0.0.1:${port}
username=admin
password=s3cret%%
`) +
  `
[program:sleeper]
command=/bin/sleep 1000
startsecs=0
`;

describe('live connection over HTTP with a username and password', { skip: noSupervisord, timeout: 30_000 }, () => {
  let daemon: Daemon;
  let target: LiveTarget;

  before(async () => {
    const port = await freePort();
    daemon = await startDaemon(() => configFor(port), port);
    const found = findConnection(analyzeText(configFor(port), daemon.configPath));
    assert.ok(!('error' in found), JSON.stringify(found));
    target = found;
  });
  after(() => daemon?.stop());

  test('the config gives the address and the credentials (%% unescaped), and they work', async () => {
    assert.equal(target.kind, 'http');
    assert.equal(target.username, 'admin');
    assert.equal(target.password, 's3cret%');
    const client = new SupervisorClient(target);
    try {
      assert.deepEqual(
        (await client.getAllProcessInfo()).map((info) => [info.name, info.statename]),
        [['sleeper', 'RUNNING']],
      );
      assert.equal(daemon.ctl('status', 'sleeper').status, 0);
    } finally {
      client.close();
    }
  });

  test('a wrong password: auth-failed naming the user', async () => {
    const client = new SupervisorClient(target, { password: 'wrong' });
    await assert.rejects(client.getState(), (error: LiveError) => {
      assert.equal(error.kind, 'auth-failed');
      assert.match(error.message, /refused the username admin or its password$/);
      return true;
    });
    client.close();
  });

  test('no credentials: auth-failed saying they are required', async () => {
    const { username: _u, password: _p, ...anonymous } = target;
    const client = new SupervisorClient(anonymous);
    await assert.rejects(client.getState(), (error: LiveError) => {
      assert.equal(error.kind, 'auth-failed');
      assert.match(error.message, /requires a username and password$/);
      return true;
    });
    client.close();
  });

  test('a port nothing listens on: connection-refused', async () => {
    const client = new SupervisorClient({ kind: 'http', host: '127.0.0.1', port: await freePort(), description: 'test' });
    await assert.rejects(client.getState(), (error: LiveError) => {
      assert.equal(error.kind, 'connection-refused');
      assert.match(
        error.message,
        /^nothing listens on http:\/\/127\.0\.0\.1:\d+: is supervisord running with this \[inet_http_server\]\?$/,
      );
      return true;
    });
    client.close();
  });
});
