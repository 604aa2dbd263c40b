// The copies of a section across a configuration's files, as supervisord merges them. From INDEXED_COPIES copies on,
// which copy sets a key and where a file's copy lies are read from an index made once per list of copies, and every
// file analysed as its configuration read it shares the configuration's one list: both must answer as a look through
// the copies does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText, type ConfigModel } from '../../server/src/analysis/model';
import type { SectionFound } from '../../server/src/analysis/workspace';
import { analyzeDocument, analyzeIncludedFile } from '../../server/src/lint';
import { lastSettingCopy, placeOfCopy } from '../../server/src/rules/mergedSections';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { memorySource } from '../helpers/memorySource';

const KEYS = ['command', 'priority', 'startsecs', 'stopwaitsecs', 'user', 'autostart'];

test('lastSettingCopy and placeOfCopy answer as a look through the copies, for short lists and indexed ones', () => {
  let seed = 5;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 200; round++) {
    const count = 1 + Math.floor(random() * 20);
    const parts: SectionFound[] = Array.from({ length: count }, (_, i) => {
      const lines = KEYS.filter(() => random() < 0.3).map((key) => `${key}=${i}`);
      const model = analyzeText(`[program:w]\n${lines.join('\n')}\n`, `/etc/supervisor/conf.d/${i}.conf`);
      return { model, section: model.section('program:w')! };
    });
    const stranger: ConfigModel = analyzeText('[program:w]\n');
    for (const key of [...KEYS, 'numprocs']) {
      const expected = parts.findLastIndex((part) => part.section.entries.get(key) !== undefined);
      assert.equal(lastSettingCopy(parts, key), expected, `${key} among ${count} copies`);
    }
    for (const [place, part] of parts.entries()) assert.equal(placeOfCopy(parts, part.model), place);
    assert.equal(placeOfCopy(parts, stranger), -1);
  }
});

test('each file of a conf.d of copies finds the same as read by its configuration and as an open editor has it', () => {
  const files: Record<string, string> = {
    '/etc/supervisor/supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n',
  };
  // Twelve copies of one program: a later copy replaces an earlier one's keys, one sets a value supervisord refuses,
  // one a priority, and none sets the user.
  for (let i = 0; i < 12; i++) {
    const lines = [`[program:worker]`, `command=/srv/app/bin/worker --queue q${i}`];
    if (i % 3 === 0) lines.push(`stopwaitsecs=${60 * (i + 1)}`);
    if (i === 7) lines.push('startsecs=soon');
    if (i === 9) lines.push('priority=5');
    // [DEFAULT]s in several files: supervisord's one parser has one [DEFAULT], the last file's value of a key winning.
    if (i === 2) lines.unshift('[DEFAULT]', 'startretries=many', 'k2=x');
    if (i === 4) lines.unshift('[DEFAULT]', 'exitcodes=zero');
    if (i === 5) lines.unshift('[DEFAULT]', 'startretries=3', 'k5=x');
    if (i === 8) lines.unshift('[DEFAULT]', 'k8=x');
    files[`/etc/supervisor/conf.d/w${String(i).padStart(2, '0')}.conf`] = `${lines.join('\n')}\n`;
  }
  const source = memorySource(files);
  const mainPath = '/etc/supervisor/supervisord.conf';
  const main = analyzeDocument(files[mainPath], mainPath, DEFAULT_SETTINGS, source);
  const included = main.context.models.slice(1);
  assert.equal(included.length, 12);
  const summary = (diagnoses: { rule?: string; message: string; range: unknown }[]) =>
    diagnoses.map(({ rule, message, range }) => JSON.stringify({ rule, message, range })).sort();
  const badExitcodes: string[] = [];
  const replaced: string[] = [];
  const stopwaitReplaced: string[] = [];
  for (const model of included) {
    const asRead = analyzeIncludedFile(model, main, DEFAULT_SETTINGS).diagnoses;
    const asOpen = analyzeDocument(model.text, model.path, DEFAULT_SETTINGS, source).diagnoses;
    assert.deepEqual(summary(asRead), summary(asOpen), model.path);
    assert.ok(
      asRead.some((d) => d.rule === 'config/duplicate-section-across-files'),
      `${model.path} is told of the other copies`,
    );
    // Only the [DEFAULT] value no later [DEFAULT] replaces is read: exitcodes=zero, not startretries=many.
    assert.ok(!asRead.some((d) => d.rule === 'config/invalid-value' && d.message.includes('startretries')), model.path);
    if (asRead.some((d) => d.rule === 'config/invalid-value' && d.message.includes('exitcodes'))) badExitcodes.push(model.path!);
    const copies = asRead.find(
      (d) => d.rule === 'config/duplicate-section-across-files' && d.message.startsWith('[program:worker]'),
    )!.message;
    const name = model.path!.slice(model.path!.lastIndexOf('/') + 1);
    if (/\(here .* replaced by/.test(copies)) replaced.push(name);
    if (/\(here .*stopwaitsecs.* replaced by/.test(copies)) stopwaitReplaced.push(name);
  }
  // Every copy's command= is replaced by the last file's; stopwaitsecs= of the copies before the last that sets it.
  assert.deepEqual(
    replaced,
    included.slice(0, 11).map((m) => m.path!.slice(m.path!.lastIndexOf('/') + 1)),
  );
  assert.deepEqual(stopwaitReplaced, ['w00.conf', 'w03.conf', 'w06.conf']);
  // The merged program reads exitcodes= from w04's [DEFAULT]: every file's copy of it is told.
  assert.equal(badExitcodes.length, 12);
});
