// The language server's start-up environment: Node must skip NODE_EXTRA_CA_CERTS when the client sets it empty.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { SERVER_ENVIRONMENT } from '../../server/src/launch';

/** What a Node start prints on stderr when the inherited environment names a certificates file that is missing. */
const startWith = (overrides: Record<string, string>) =>
  spawnSync(process.execPath, ['-e', '0'], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: '/nonexistent/extra-certificates.pem', ...overrides },
    encoding: 'utf8',
  }).stderr;

test('a Node start reads NODE_EXTRA_CA_CERTS (it warns of a missing file)', () => {
  assert.match(startWith({}), /extra certs/);
});

test("the server's environment makes Node skip NODE_EXTRA_CA_CERTS, without a warning", () => {
  assert.equal(startWith({ ...SERVER_ENVIRONMENT }), '');
});
