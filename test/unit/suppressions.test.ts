// Suppression comments judged: unknown ids and ids that silence nothing are reported, only when the verdict is
// final, and removed without touching the rest of the comment or the line's config.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, findings } from '../helpers/lint';

const UNUSED = 'lint/unused-suppression';
const UNKNOWN = 'lint/unknown-rule-id';
const worker = (extra = '') =>
  `[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO\nstopwaitsecs=600\n${extra}`;
const rules = (text: string, settings?: unknown) => findings(text, undefined, settings).map((f) => f.rule);

describe('lint/unused-suppression', () => {
  test('reported only when the rule it names ran', () => {
    const text = worker('; supervisor-lint: disable=config/unknown-key\nautostart=true\n');
    assert.deepEqual(rules(text), [UNUSED]);
    assert.deepEqual(rules(text, { rules: { 'config/unknown-key': 'off' } }), [], 'a rule turned off leaves its suppressions alone');
  });

  test('all: reported when it silences nothing, not when it silences something', () => {
    assert.deepEqual(rules(worker('autostart=true ; supervisor-lint: disable=all\n')), [UNUSED]);
    assert.deepEqual(rules(worker('celery_app=proj ; supervisor-lint: disable=all\n')), []);
  });

  test('a disable-file id is used by a finding anywhere in the file', () => {
    assert.deepEqual(rules(`; supervisor-lint: disable-file=config/unknown-key\n${worker('celery_app=proj\n')}`), []);
    assert.deepEqual(rules(`; supervisor-lint: disable-file=config/unknown-key\n${worker()}`), [UNUSED]);
  });

  test('every disable-file comment naming the rule is used by its findings, and disable-file=all by every rule but the judges', () => {
    const twice = '; supervisor-lint: disable-file=config/unknown-key\n; supervisor-lint: disable-file=config/unknown-key\n';
    assert.deepEqual(rules(`${twice}${worker('celery_app=proj\nbroker=redis\n')}`), []);
    assert.deepEqual(rules(`${twice}${worker()}`), [UNUSED, UNUSED]);
    const all = '; supervisor-lint: disable-file=all\n; supervisor-lint: disable-file=all\n';
    assert.deepEqual(rules(`${all}${worker('celery_app=proj\nautostart=maybe\n')}`), []);
    assert.deepEqual(rules(`${all}${worker()}`), [UNUSED, UNUSED]);
  });

  test('suppressing the judges themselves is never reported', () => {
    assert.deepEqual(rules(worker('; supervisor-lint: disable=lint/unused-suppression\nautostart=true\n')), []);
  });

  test('removal keeps the other words of the comment', () => {
    assert.equal(
      applyFix(worker('# set by hand supervisor-lint: disable=config/unknown-key\nautostart=true\n'), UNUSED),
      worker('# set by hand\nautostart=true\n'),
    );
    assert.equal(
      applyFix(worker('; supervisor-lint: disable=config/unknown-key (old key)\nautostart=true\n'), UNUSED),
      worker('; (old key)\nautostart=true\n'),
    );
  });

  test('removal of a comment line on the last line, without a final line break', () => {
    assert.equal(applyFix(`${worker()}; supervisor-lint: disable=config/unknown-key`, UNUSED), worker().replace(/\n$/, ''));
  });

  test('the first of several ids goes with the comma after it', () => {
    const text = worker('celery_app=proj ; supervisor-lint: disable=config/invalid-value, config/unknown-key\n');
    assert.equal(applyFix(text, UNUSED), worker('celery_app=proj ; supervisor-lint: disable=config/unknown-key\n'));
  });
});

describe('lint/unknown-rule-id', () => {
  test('not an id, and case matters; all is known', () => {
    const text = worker('celery_app=proj ; supervisor-lint: disable=Config/Unknown-Key\n');
    const [finding] = findings(text, UNKNOWN);
    assert.equal(
      finding.message,
      'No rule has the id "Config/Unknown-Key" (did you mean config/unknown-key?): this suppression silences nothing.',
    );
    assert.deepEqual(rules(worker('celery_app=proj ; supervisor-lint: disable=all\n')), []);
  });

  test('the replacement is written in place of the id only', () => {
    const text = worker('celery_app=proj ; supervisor-lint: disable=config/unknwon-key\n');
    assert.equal(applyFix(text, UNKNOWN), worker('celery_app=proj ; supervisor-lint: disable=config/unknown-key\n'));
    assert.equal(applyFix(text, UNKNOWN, /Remove/), worker('celery_app=proj\n'));
  });
});
