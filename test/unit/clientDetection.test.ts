// The client's decision to give a document the supervisor language: content, includes, the user's own
// files.associations (matched like VS Code matches them) and supervisor.detectByContent.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { shouldBeSupervisor, type DetectionContext } from '../../client/src/detection';
import { matchesAssociation } from '../../client/src/glob';

describe('files.associations patterns', () => {
  test('a pattern without a slash is matched against the file name, case-insensitively', () => {
    assert.equal(matchesAssociation('*.conf', '/srv/app/deploy/web.conf'), true);
    assert.equal(matchesAssociation('*.CONF', '/srv/app/deploy/Web.Conf'), true);
    assert.equal(matchesAssociation('web.conf', '/srv/app/deploy/web.conf'), true);
    assert.equal(matchesAssociation('deploy*', '/srv/app/deploy/web.conf'), false);
    assert.equal(matchesAssociation('w?b.conf', '/srv/web.conf'), true);
    assert.equal(matchesAssociation('w?b.conf', '/srv/wb.conf'), false);
  });

  test('a pattern with a slash is matched against the whole path; ** spans directories', () => {
    assert.equal(matchesAssociation('**/conf.d/*.conf', '/srv/app/conf.d/web.conf'), true);
    assert.equal(matchesAssociation('**/conf.d/*.conf', '/srv/app/conf.d/sub/web.conf'), false);
    assert.equal(matchesAssociation('**/nginx/**', '/etc/nginx/sites/app.conf'), true);
    assert.equal(matchesAssociation('/etc/nginx/*.conf', '/etc/nginx/nginx.conf'), true);
    assert.equal(matchesAssociation('/etc/*.conf', '/etc/nginx/nginx.conf'), false, '* stops at /');
    assert.equal(matchesAssociation('**/web.conf', '/web.conf'), true, '**/ also matches nothing');
  });

  test('{a,b} alternatives; other syntax is literal', () => {
    assert.equal(matchesAssociation('*.{conf,ini}', '/x/a.ini'), true);
    assert.equal(matchesAssociation('*.{conf,ini}', '/x/a.cfg'), false);
    assert.equal(matchesAssociation('[ab].conf', '/x/[ab].conf'), true);
    assert.equal(matchesAssociation('[ab].conf', '/x/a.conf'), false);
  });

  test('hostile patterns stay fast', () => {
    const started = performance.now();
    assert.equal(matchesAssociation(`${'*a'.repeat(200)}b`, `/${'a'.repeat(5000)}`), false);
    assert.equal(matchesAssociation('{a,b}'.repeat(40), '/x/ab'), false);
    assert.ok(performance.now() - started < 1000);
  });
});

describe('shouldBeSupervisor', () => {
  const fragment = '[program:web]\ncommand=/srv/app/venv/bin/gunicorn proj.wsgi\n';
  const nginx = 'server {\n    listen 80;\n}\n';
  const context = (over: Partial<DetectionContext> = {}): DetectionContext => ({
    enabled: true,
    associations: {},
    included: new Set(),
    ...over,
  });
  const doc = (path: string, languageId: string, text: string) => ({ path, languageId, text: () => text });

  test('a .conf, .ini or plain-text file with supervisor content is switched', () => {
    assert.equal(shouldBeSupervisor(doc('/srv/deploy/conf.d/web.conf', 'properties', fragment), context()), true);
    assert.equal(shouldBeSupervisor(doc('/srv/deploy/web.ini', 'ini', fragment), context()), true);
    assert.equal(shouldBeSupervisor(doc('/srv/deploy/web.txt', 'plaintext', fragment), context()), true);
  });

  test('other content, other languages and files already supervisor are left alone', () => {
    assert.equal(shouldBeSupervisor(doc('/etc/nginx/sites/app.conf', 'properties', nginx), context()), false);
    assert.equal(shouldBeSupervisor(doc('/srv/deploy/web.py', 'python', fragment), context()), false);
    assert.equal(shouldBeSupervisor(doc('/srv/deploy/web.conf', 'supervisor', fragment), context()), false);
  });

  test("the user's own association wins, and the setting turns detection off", () => {
    assert.equal(
      shouldBeSupervisor(
        doc('/srv/deploy/conf.d/web.conf', 'properties', fragment),
        context({ associations: { '**/conf.d/*.conf': 'properties' } }),
      ),
      false,
    );
    assert.equal(
      shouldBeSupervisor(doc('/srv/deploy/conf.d/web.conf', 'properties', fragment), context({ associations: { '*.ini': 'ini' } })),
      true,
    );
    assert.equal(shouldBeSupervisor(doc('/srv/deploy/conf.d/web.conf', 'properties', fragment), context({ enabled: false })), false);
  });

  test('an included file is switched whatever its content, unless the user associated it', () => {
    const included = new Set(['/srv/deploy/conf.d/typo.conf']);
    const typo = '[progam:web]\ncommand=/bin/cat\n';
    assert.equal(shouldBeSupervisor(doc('/srv/deploy/conf.d/typo.conf', 'properties', typo), context()), false);
    assert.equal(shouldBeSupervisor(doc('/srv/deploy/conf.d/typo.conf', 'properties', typo), context({ included })), true);
    assert.equal(
      shouldBeSupervisor(
        doc('/srv/deploy/conf.d/typo.conf', 'properties', typo),
        context({ included, associations: { 'typo.conf': 'properties' } }),
      ),
      false,
    );
    assert.equal(shouldBeSupervisor(doc('/srv/deploy/conf.d/typo.conf', 'properties', typo), context({ included, enabled: false })), false);
  });
});
