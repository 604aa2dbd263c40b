// The schema is complete against the installed loader: every key supervisord 4.2.5's code reads for a section is in
// the table, and every key in the table is read by that code.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { keySchema, SECTIONS, sectionSchema, type SectionKind } from '../../server/src/schema';

type LoaderKeys = Record<string, string[]> & { plugins: Record<string, string> };
const loader: LoaderKeys = JSON.parse(execFileSync('/usr/bin/python3', ['test/tools/loader_keys.py'], { encoding: 'utf8' }));

const without = (keys: string[], ...drop: string[]) => keys.filter((k) => !drop.includes(k));
const processKeys = loader['ServerOptions._processes_from_section'];
const groupsReader = loader['ServerOptions.process_groups_from_parser'];
const http = [...loader['ServerOptions.server_configs_from_parser'], ...loader['ServerOptions._parse_username_and_password']];

/** Which keys the loader reads in each kind of section, from the functions that read them. */
const READ: Record<SectionKind, string[]> = {
  supervisord: without(loader['ServerOptions.read_config'], 'files'),
  include: ['files'],
  program: processKeys,
  'fcgi-program': [...processKeys, ...groupsReader.filter((k) => k.startsWith('socket'))],
  eventlistener: [...processKeys, 'buffer_size', 'events', 'result_handler'],
  group: ['programs', 'priority'],
  unix_http_server: without(http, 'port'),
  inet_http_server: without(http, 'file', 'chmod', 'chown'),
  supervisorctl: loader['ClientOptions.read_config'],
  rpcinterface: [loader.plugins['rpcinterface:']],
  ctlplugin: [loader.plugins['ctlplugin:']],
};

test('every key the loader reads is in the schema, and nothing else', () => {
  for (const section of SECTIONS) {
    const expected = [...new Set(READ[section.kind])].sort();
    assert.deepEqual(section.keys.map((k) => k.name).sort(), expected, `[${section.kind}]`);
  }
  // Every key any loader function reads belongs to some section.
  const all = new Set(SECTIONS.flatMap((s) => s.keys.map((k) => k.name)));
  for (const [fn, keys] of Object.entries(loader)) {
    if (fn === 'plugins') continue;
    for (const key of keys as string[]) assert.ok(all.has(key), `${fn} reads ${key}, which the schema lacks`);
  }
});

test('every section and key is documented, typed, versioned', () => {
  for (const section of SECTIONS) {
    assert.ok(section.description.length > 20, section.kind);
    for (const key of section.keys) {
      assert.ok(key.description.length > 15, `${section.kind}.${key.name} description`);
      assert.match(key.since, /^\d+\.\d+(\.\d+)?(a\d+|b\d+)?$/, `${section.kind}.${key.name} since`);
      if (key.default !== undefined && key.values) {
        assert.ok(
          key.values.some((v) => v.toLowerCase() === key.default!.toLowerCase()),
          `${section.kind}.${key.name} default among values`,
        );
      }
    }
  }
});

test('required keys are the ones the loader refuses to do without', () => {
  const required = SECTIONS.flatMap((s) => s.keys.filter((k) => k.required).map((k) => `${s.kind}.${k.name}`)).sort();
  assert.deepEqual(required, [
    'ctlplugin.supervisor.ctl_factory',
    'eventlistener.command',
    'eventlistener.events',
    'fcgi-program.command',
    'fcgi-program.socket',
    'include.files',
    'inet_http_server.port',
    'program.command',
    'rpcinterface.supervisor.rpcinterface_factory',
    'unix_http_server.file',
  ]);
});

test('section names match the way the loader matches them', () => {
  const kind = (name: string) => sectionSchema(name)?.kind;
  assert.equal(kind('program:web'), 'program');
  assert.equal(kind('fcgi-program:php'), 'fcgi-program');
  assert.equal(kind('inet_http_server'), 'inet_http_server');
  assert.equal(kind('inet_http_server:second'), 'inet_http_server');
  assert.equal(kind('unix_http_serverX'), 'unix_http_server');
  assert.equal(kind('program'), undefined);
  assert.equal(kind('programs:web'), undefined);
  assert.equal(kind('Program:web'), undefined);
  assert.equal(kind('supervisord:x'), undefined);
  assert.equal(kind('include'), 'include');
  const program = sectionSchema('program:x')!;
  assert.equal(keySchema(program, 'command')?.type, 'command');
  assert.equal(keySchema(program, 'events'), undefined);
});
