// Servers that are not a healthy supervisord, on a unix socket: silent (timeout), not XML-RPC, HTTP errors.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LiveError, SupervisorClient } from '../../server/src/live';

describe('unhealthy servers', () => {
  let dir: string;
  const servers: Server[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'supervisor-transport-'));
  });
  const connections = new Set<Socket>();
  after(async () => {
    for (const socket of connections) socket.destroy();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  });

  async function listen(server: Server, name: string): Promise<SupervisorClient> {
    const socketPath = join(dir, name);
    servers.push(server);
    server.on('connection', (socket: Socket) => connections.add(socket));
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    return new SupervisorClient({ kind: 'unix', socketPath, description: name }, { timeoutMs: 300 });
  }

  const http = (name: string, handler: RequestListener) => listen(createHttpServer(handler), name);

  async function failsWith(client: SupervisorClient, kind: LiveError['kind'], message: RegExp) {
    await assert.rejects(client.getState(), (error: unknown) => {
      assert.ok(error instanceof LiveError, String(error));
      assert.equal(error.kind, kind);
      assert.match(error.message, message);
      return true;
    });
    client.close();
  }

  test('a server that accepts and never answers: timeout at the deadline', async () => {
    const silent = createServer((socket) => socket.on('error', () => {}));
    const client = await listen(silent, 'silent.sock');
    const started = Date.now();
    await failsWith(client, 'timeout', /^supervisord at the socket .*silent\.sock did not answer supervisor\.getState within 0\.3 s$/);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 290 && elapsed < 2000, `${elapsed} ms`);
  });

  test('HTTP 500 (supervisord failing inside a call): protocol', async () => {
    const client = await http('500.sock', (_request, response) => response.writeHead(500).end('<html>error</html>'));
    await failsWith(client, 'protocol', /answered HTTP 500 to supervisor\.getState: is it supervisord's server\?$/);
  });

  test('a 200 answer that is not XML-RPC: protocol', async () => {
    const client = await http('html.sock', (_request, response) =>
      response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>hi</html>'),
    );
    await failsWith(client, 'protocol', /^unexpected answer from the socket .*html\.sock: /);
  });

  test('a server that hangs up without answering: connection-refused (closed before answering)', async () => {
    const rude = createServer((socket) => socket.destroy());
    const client = await listen(rude, 'rude.sock');
    await failsWith(client, 'connection-refused', /closed the connection before answering: did it stop\?$/);
  });

  test('an XML-RPC fault from another server keeps its string', async () => {
    const fault =
      '<?xml version="1.0"?><methodResponse><fault><value><struct>' +
      '<member><name>faultCode</name><value><int>1</int></value></member>' +
      '<member><name>faultString</name><value><string>no such method</string></value></member>' +
      '</struct></value></fault></methodResponse>';
    const client = await http('fault.sock', (_request, response) => response.writeHead(200, { 'Content-Type': 'text/xml' }).end(fault));
    await failsWith(
      client,
      'fault',
      /^supervisor\.getState: UNKNOWN_METHOD: no such method \(is \[rpcinterface:supervisor\] in the configuration\?\)$/,
    );
  });
});
