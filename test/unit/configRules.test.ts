// The config rules: what supervisord refuses is an Error on the right spot, what it ignores a Warning, and each fix
// leaves a config without that finding and without new ones.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { applyFix, findings } from '../helpers/lint';
import { memorySource } from '../helpers/memorySource';

const MAIN = '[supervisord]\n';
const program = (body: string, name = 'web') => `${MAIN}[program:${name}]\ncommand=/bin/cat\n${body}`;
const rules = (text: string, options = {}) => findings(text, undefined, undefined, options).map((f) => f.rule);
const only = (text: string, rule: string) => findings(text, rule);

describe('config/unknown-section', () => {
  test('a misspelt kind is a Warning with a fix that keeps the name', () => {
    const text = `${MAIN}[programs:web]\ncommand=/bin/cat\n`;
    const [finding] = only(text, 'config/unknown-section');
    assert.equal(finding.severity, 'warning');
    assert.match(applyFix(text, 'config/unknown-section'), /^\[program:web\]$/m);
  });
  test('[supervisor] suggests [supervisord]; [DEFAULT] and known sections are fine', () => {
    assert.match(applyFix('[supervisor]\nlogfile=/tmp/x.log\n', 'config/unknown-section'), /^\[supervisord\]$/m);
    assert.deepEqual(
      only(
        `${MAIN}[DEFAULT]\n[inet_http_server:second]\nport=9002\n[rpcinterface:x]\nsupervisor.rpcinterface_factory=a:b\n`,
        'config/unknown-section',
      ),
      [],
    );
  });
});

describe('config/unknown-key', () => {
  test('a typo gets "did you mean" and a fix', () => {
    const text = program('autostrat=true\n');
    const [finding] = only(text, 'config/unknown-key');
    assert.match(finding.message, /Did you mean 'autostart'/);
    assert.match(applyFix(text, 'config/unknown-key'), /^autostart=true$/m);
  });
  test('keys of another section are unknown here; rpcinterface extras and [DEFAULT] keys of any section are not', () => {
    assert.equal(only(`${MAIN}nodaemon=true\nstdout_logfile=/tmp/x\n`, 'config/unknown-key').length, 1);
    assert.deepEqual(
      only(`${MAIN}[rpcinterface:x]\nsupervisor.rpcinterface_factory=a:b\nretries=1\n[DEFAULT]\nautostart=true\n`, 'config/unknown-key'),
      [],
    );
    assert.equal(only(`${MAIN}[DEFAULT]\nbogus=1\n`, 'config/unknown-key').length, 1);
  });
});

describe('config/invalid-value', () => {
  for (const [line, pattern] of [
    ['autostart=maybe', /not a valid boolean value: 'maybe'/],
    ['autostart=true;x', /'true;x'/],
    ['numprocs=two', /'two' is not an integer/],
    ['stdout_logfile_maxbytes=1.5GB', /not a byte size/],
    ['stopsignal=TERMINATE', /not a valid signal name/],
    ['autorestart=always', /invalid 'autorestart' value 'always'/],
    ['umask=0x22', /can not be converted to an octal type/],
    ['environment=A=1 B=2', /Unexpected end of key\/value pairs/],
    ['environment=A="x', /No closing quotation/],
  ] as const) {
    test(`${line} is an Error`, () => {
      const [finding] = only(program(`${line}\n`), 'config/invalid-value');
      assert.ok(finding, line);
      assert.equal(finding.severity, 'error');
      assert.match(finding.message, pattern);
      assert.equal(finding.range.start.line, 3);
    });
  }
  test('the range narrows to the bad item of a list', () => {
    const [finding] = only(program('exitcodes=0,256\n'), 'config/invalid-value');
    assert.deepEqual([finding.range.start.character, finding.range.end.character], [12, 15]);
    const [event] = only(`${MAIN}[eventlistener:x]\ncommand=/bin/cat\nevents=TICK_60,TICK_61\n`, 'config/invalid-value');
    assert.deepEqual([event.range.start.character, event.range.end.character], [15, 22]);
  });
  test('values are checked after expansion; server-dependent ones are not judged', () => {
    assert.equal(only(program('numprocs=%(program_name)s\n'), 'config/invalid-value').length, 1);
    assert.deepEqual(only(program('numprocs=%(ENV_WORKERS)s\nautostart=%(ENV_AUTO)s\n'), 'config/invalid-value'), []);
  });
  test("%(here)s is the file's directory: a path, judged as one when the file's path is known", () => {
    const text = program('autorestart=%(here)s\n');
    const [finding] = findings(text, 'config/invalid-value', undefined, { path: '/etc/supervisor/supervisord.conf' });
    assert.match(finding.message, /invalid 'autorestart' value '\/etc\/supervisor'/);
    assert.deepEqual(only(text, 'config/invalid-value'), []);
  });
  test('process_name is judged as written, as the loader checks it before any expansion', () => {
    const text = `[supervisord]\nenvironment=SUFFIX="a b"\n[program:web]\ncommand=/bin/cat\nprocess_name=web-%(ENV_SUFFIX)s\n`;
    assert.deepEqual(only(text, 'config/invalid-value'), []);
    const [written] = only(program('process_name=web %(ENV_SUFFIX)s\n'), 'config/invalid-value');
    assert.match(written.message, /Invalid name: 'web %\(ENV_SUFFIX\)s' because of character: ' '/);
  });
  test('a bad [DEFAULT] value is reported once, on its own line', () => {
    const text = `${MAIN}[DEFAULT]\nautostart=maybe\n[program:a]\ncommand=/bin/cat\n[program:b]\ncommand=/bin/cat\n`;
    const found = only(text, 'config/invalid-value');
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.line, 2);
  });
  test('loglevel, ports, buffer_size, sockets', () => {
    assert.equal(only(`[supervisord]\nloglevel=warning\n`, 'config/invalid-value').length, 1);
    assert.equal(only(`${MAIN}[inet_http_server]\nport=99999\n`, 'config/invalid-value').length, 1);
    assert.equal(only(`${MAIN}[eventlistener:x]\ncommand=/bin/cat\nevents=TICK_60\nbuffer_size=0\n`, 'config/invalid-value').length, 1);
    assert.equal(only(`${MAIN}[fcgi-program:x]\ncommand=/bin/cat\nsocket=unix://relative.sock\n`, 'config/invalid-value').length, 1);
    assert.deepEqual(only(`${MAIN}[fcgi-program:x]\ncommand=/bin/cat\nsocket=tcp://localhost:9000\n`, 'config/invalid-value'), []);
  });
  test('every accepted spelling passes', () => {
    const body =
      'autostart=Yes\nautorestart=UNEXPECTED\nstopsignal=sigterm\nstdout_logfile_maxbytes=50mb\nexitcodes=0, 2\numask=0o22\nenvironment=A="x y",B=2\n';
    assert.deepEqual(findings(program(body)), []);
  });
});

describe('config/invalid-expansion', () => {
  test('an unknown name lists the available ones', () => {
    const [finding] = only(program('stdout_logfile=/tmp/%(nme)s.log\n'), 'config/invalid-expansion');
    assert.match(
      finding.message,
      /%\(nme\)s cannot be expanded here\. Available names: ENV_\*, group_name, here, host_node_name, numprocs, process_num, program_name/,
    );
    assert.deepEqual([finding.range.start.character, finding.range.end.character], [20, 27]);
  });
  test('names are per key: process_num is not known to priority, program_name not to [supervisord]', () => {
    assert.equal(only(program('priority=%(process_num)d\n'), 'config/invalid-expansion').length, 1);
    assert.equal(only('[supervisord]\nlogfile=/tmp/%(program_name)s.log\n', 'config/invalid-expansion').length, 1);
    assert.deepEqual(
      only(program('stdout_logfile=/tmp/%(program_name)s-%(process_num)02d.log\ndirectory=%(here)s\n'), 'config/invalid-expansion'),
      [],
    );
  });
  test('a bare % is an Error whose fix doubles it', () => {
    const text = program('environment=DATE="+%Y"\n');
    assert.equal(only(text, 'config/invalid-expansion').length, 1);
    assert.match(applyFix(text, 'config/invalid-expansion'), /\+%%Y/);
  });
  test('with [include], %%(here)s is an Error without the escaping fix: the advice is to write %(here)s', () => {
    const text = '[supervisord]\npidfile=%%(here)s/supervisord.pid\n[include]\nfiles=conf.d/*.conf\n';
    const [finding] = only(text, 'config/invalid-expansion');
    assert.match(finding.message, /unsupported format character '\/'.*write %\(here\)s for the directory$/);
    assert.deepEqual([finding.range.start.character, finding.range.end.character, finding.fixes], [8, 17, []]);
  });
  test('keys the loader does not read are not expanded', () => {
    assert.deepEqual(only(program('bogus=%\n'), 'config/invalid-expansion'), []);
  });
  test('[supervisord] environment= is expanded twice: %% fails there, a bare % is escaped as %%%%, and a name still works', () => {
    const main = (value: string) => `[supervisord]\nenvironment=${value}\n`;
    const [once] = only(main('RATE="50%%"'), 'config/invalid-expansion');
    assert.match(once.message, /after the first of its two expansions .* write a literal % as %%%% here/);
    assert.equal(applyFix(main('RATE="50%%"'), 'config/invalid-expansion'), main('RATE="50%%%%"'));
    assert.equal(applyFix(main('RATE="50%"'), 'config/invalid-expansion'), main('RATE="50%%%%"'));
    assert.deepEqual(only(main('RATE="50%%%%",HOME_DIR="%(here)s"'), 'config/invalid-expansion'), []);
    // %%%% is two percent signs in a key expanded once: valid, and not the same value.
    assert.deepEqual(only(program('environment=RATE="50%%"\n'), 'config/invalid-expansion'), []);
  });
});

describe('config/command-cannot-start', () => {
  test('an unclosed quote and an empty command are Warnings (the loader accepts both)', () => {
    const [unclosed] = only(`${MAIN}[program:x]\ncommand=/bin/echo "hi\n`, 'config/command-cannot-start');
    assert.equal(unclosed.severity, 'warning');
    assert.match(unclosed.message, /can't parse command: No closing quotation/);
    assert.equal(unclosed.range.start.character, 18);
    assert.match(only(`${MAIN}[program:x]\ncommand=  \n`, 'config/command-cannot-start')[0].message, /command is empty/);
  });
  test('quoted words, numprocs=0 and expanded commands are left alone', () => {
    assert.deepEqual(only(`${MAIN}[program:x]\ncommand=/bin/sh -c "echo 'a b'"\n`, 'config/command-cannot-start'), []);
    assert.deepEqual(only(`${MAIN}[program:x]\ncommand=\nnumprocs=0\n`, 'config/command-cannot-start'), []);
    assert.deepEqual(only(`${MAIN}[program:x]\ncommand=/bin/echo %(ENV_QUOTE)s\n`, 'config/command-cannot-start'), []);
  });
});

describe('config/percent-inserts-mapping', () => {
  test('a nameless %s is accepted by the loader but inserts the mapping: a Warning whose fix doubles the %', () => {
    const text = `${MAIN}[program:stamp]\ncommand=/bin/sh -c 'date +%s'\n`;
    const [finding] = only(text, 'config/percent-inserts-mapping');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual([finding.range.start.character, finding.range.end.character], [26, 28]);
    assert.deepEqual(rules(text), ['config/percent-inserts-mapping']);
    const fixed = applyFix(text, 'config/percent-inserts-mapping');
    assert.match(fixed, /date \+%%s'/);
    assert.deepEqual(rules(fixed), []);
  });
  test("a second positional spec is the loader's error, not this warning; named specs and %% are fine", () => {
    assert.deepEqual(rules(program('environment=A="%s %s"\n')), ['config/invalid-expansion']);
    assert.deepEqual(rules(program('stdout_logfile=/tmp/%(program_name)s-%%s.log\n')), []);
  });
});

describe('structure', () => {
  test('missing command, events, socket, port, file, factory', () => {
    assert.equal(only(`${MAIN}[program:x]\nautostart=true\n`, 'config/missing-required-key').length, 1);
    assert.deepEqual(only(`${MAIN}[program:x]\nnumprocs=0\n`, 'config/missing-required-key'), []);
    assert.equal(only(`${MAIN}[eventlistener:x]\ncommand=/bin/cat\n`, 'config/missing-required-key').length, 1);
    assert.equal(only(`${MAIN}[fcgi-program:x]\ncommand=/bin/cat\nsocket=\n`, 'config/missing-required-key').length, 1);
    assert.equal(only(`${MAIN}[inet_http_server]\nusername=a\npassword=b\n`, 'config/missing-required-key').length, 1);
    assert.equal(only(`${MAIN}[unix_http_server]\nchmod=0700\n`, 'config/missing-required-key').length, 1);
    assert.equal(only(`${MAIN}[include]\n`, 'config/missing-required-key').length, 1);
    const rpc = `${MAIN}[rpcinterface:supervisor]\n`;
    assert.match(
      applyFix(rpc, 'config/missing-required-key'),
      /supervisor\.rpcinterface_factory = supervisor\.rpcinterface:make_main_rpcinterface/,
    );
  });
  test('names with a space, colon or slash', () => {
    const [finding] = only(`${MAIN}[program:my app]\ncommand=/bin/cat\n`, 'config/invalid-name');
    assert.match(finding.message, /Invalid name: 'my app' because of character: ' '/);
    assert.equal(only(`${MAIN}[group:a/b]\n`, 'config/invalid-name').length, 1);
    assert.deepEqual(only(`${MAIN}[program: spaced ]\ncommand=/bin/cat\n`, 'config/invalid-name'), []);
  });
  test('[group:x] programs must exist, once', () => {
    const text = `${program('', 'worker')}[group:g]\nprograms=wroker\n`;
    assert.match(applyFix(text, 'config/unknown-group-program'), /^programs=worker$/m);
    assert.equal(only(`${program('', 'worker')}[group:g]\nprograms=worker,\n`, 'config/unknown-group-program').length, 1);
    const both = `${program('', 'x')}[fcgi-program:x]\ncommand=/bin/cat\nsocket=tcp://localhost:9000\n[group:g]\nprograms=x\n`;
    assert.match(only(both, 'config/unknown-group-program')[0].message, /ambiguous/);
  });
  test('programs= is %-expanded: %% names a program with a %, and the fix writes one as %%', () => {
    // The loader expands programs= before looking names up, so nightly%%report is [program:nightly%report].
    assert.deepEqual(only(`${program('', 'nightly%report')}[group:batch]\nprograms=nightly%%report\n`, 'config/unknown-group-program'), []);
    const typo = `${program('', 'nightly%report')}[group:batch]\nprograms=nightly%%reprot\n`;
    const [finding] = only(typo, 'config/unknown-group-program');
    assert.match(finding.message, /unknown program or fcgi-program nightly%reprot$/);
    assert.equal(finding.fixes[0].title, 'Change to nightly%report');
    assert.match(applyFix(typo, 'config/unknown-group-program'), /^programs=nightly%%report$/m);
    // A name only the server knows is not judged.
    assert.deepEqual(only(`${program('', 'worker')}[group:g]\nprograms=%(ENV_PROGRAM)s\n`, 'config/unknown-group-program'), []);
  });
  test('numprocs > 1 needs %(process_num) in process_name', () => {
    const text = program('numprocs=2\n');
    assert.match(applyFix(text, 'config/process-name-needs-process-num'), /process_name=%\(program_name\)s_%\(process_num\)02d/);
    assert.match(
      applyFix(program('numprocs=2\nprocess_name=w\n'), 'config/process-name-needs-process-num'),
      /process_name=w_%\(process_num\)02d/,
    );
    assert.deepEqual(
      only(program('numprocs=2\nprocess_name=%(program_name)s_%(process_num)s\n'), 'config/process-name-needs-process-num'),
      [],
    );
  });
  test('a [DEFAULT] process_name is never edited: the program gets its own line, other programs keep their names', () => {
    const text = `${MAIN}[DEFAULT]\nprocess_name=app-%(program_name)s\n[program:beat]\ncommand=/bin/cat\n[program:web]\ncommand=/bin/cat\nnumprocs=2\n`;
    const [finding] = only(text, 'config/process-name-needs-process-num');
    assert.equal(finding.range.start.line, 7, "reported on the program's own numprocs line, not on [DEFAULT]");
    const fixed = applyFix(text, 'config/process-name-needs-process-num');
    assert.equal(
      fixed,
      `${MAIN}[DEFAULT]\nprocess_name=app-%(program_name)s\n[program:beat]\ncommand=/bin/cat\n[program:web]\ncommand=/bin/cat\nnumprocs=2\nprocess_name=app-%(program_name)s_%(process_num)02d\n`,
    );
  });
  test('a [DEFAULT] numprocs: each program is reported and fixed in its own section', () => {
    const text = `${MAIN}[DEFAULT]\nnumprocs=2\n[program:a]\ncommand=/bin/cat\n[program:b]\ncommand=/bin/cat\nprocess_name=b\n`;
    const found = only(text, 'config/process-name-needs-process-num');
    assert.deepEqual(
      found.map((f) => f.range.start.line),
      [3, 7],
    );
    for (const f of found) {
      const [edit] = f.fixes[0].edits;
      assert.ok(edit.range.start.line > 3, `${f.fixes[0].title} edits [DEFAULT]`);
    }
    assert.deepEqual(
      found.map((f) => f.fixes[0].title),
      ['Add process_name=%(program_name)s_%(process_num)02d to [program:a]', 'Append _%(process_num)02d to process_name'],
    );
  });
  test('stopasgroup=true with killasgroup=false', () => {
    assert.match(applyFix(program('stopasgroup=true\nkillasgroup=off\n'), 'config/stopasgroup-without-killasgroup'), /killasgroup=true/);
    assert.deepEqual(only(program('stopasgroup=true\n'), 'config/stopasgroup-without-killasgroup'), []);
  });
  test('redirect_stderr on an event listener', () => {
    const text = `${MAIN}[eventlistener:x]\ncommand=/bin/cat\nevents=TICK_60\nredirect_stderr=true\n`;
    assert.match(applyFix(text, 'config/eventlistener-redirect-stderr'), /redirect_stderr=false/);
  });
  test('username without password and the reverse', () => {
    assert.equal(only(`${MAIN}[inet_http_server]\nport=9001\nusername=u\n`, 'config/incomplete-auth').length, 1);
    assert.equal(only(`${MAIN}[unix_http_server]\nfile=/tmp/s.sock\npassword=p\n`, 'config/incomplete-auth').length, 1);
    assert.deepEqual(only(`${MAIN}[inet_http_server]\nport=9001\nusername=u\npassword=p\n`, 'config/incomplete-auth'), []);
  });
  test('socket_owner and socket_mode need a UNIX socket', () => {
    const text = `${MAIN}[fcgi-program:x]\ncommand=/bin/cat\nsocket=tcp://localhost:9000\nsocket_mode=0700\n`;
    assert.equal(only(text, 'config/fcgi-socket-options').length, 1);
    assert.deepEqual(only(text.replace('tcp://localhost:9000', 'unix:///tmp/x.sock'), 'config/fcgi-socket-options'), []);
  });
  test('duplicate keys and sections are reported as the loader merges them', () => {
    const text = program('autostart=false\nautostart=true\n');
    const [finding] = only(text, 'config/duplicate-key');
    assert.equal(finding.range.start.line, 3);
    assert.doesNotMatch(applyFix(text, 'config/duplicate-key'), /autostart=false/);
    const [section] = only(`${program('')}[program:web]\nautostart=true\n`, 'config/duplicate-section');
    assert.equal(section.severity, 'information');
  });
  test('supervisord.conf without [supervisord] is a Warning; other fragments are fine', () => {
    const fragment = '[program:x]\ncommand=/bin/cat\n';
    assert.equal(
      findings(fragment, 'config/missing-supervisord-section', undefined, { path: '/etc/supervisord.conf' })[0].severity,
      'warning',
    );
    assert.deepEqual(findings(fragment, undefined, undefined, { path: '/etc/supervisor/conf.d/x.conf' }), []);
  });
  test('supervisorctl must be able to reach supervisord', () => {
    const trio =
      '[unix_http_server]\nfile=/tmp/s.sock\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n';
    assert.deepEqual(rules(`${MAIN}${trio}[supervisorctl]\nserverurl=unix:///tmp/s.sock\n`), []);
    assert.match(
      only(`${MAIN}${trio}[supervisorctl]\nserverurl=unix:///tmp/other.sock\n`, 'config/supervisorctl-unreachable')[0].message,
      /does not match/,
    );
    assert.match(only(`${MAIN}${trio}[supervisorctl]\n`, 'config/supervisorctl-unreachable')[0].message, /needs an \[inet_http_server\]/);
    assert.match(
      only(
        `${MAIN}[inet_http_server]\nport=127.0.0.1:9001\n[supervisorctl]\nserverurl=http://127.0.0.1:9001\n`,
        'config/supervisorctl-unreachable',
      )[0].message,
      /rpcinterface/,
    );
  });
  test('a server section named by prefix ([inet_http_server:main]) is a server, as the loader reads it', () => {
    const rpc = '[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n';
    const inet = `${MAIN}[inet_http_server:main]\nport=127.0.0.1:9001\n${rpc}[supervisorctl]\nserverurl=http://127.0.0.1:9001\n`;
    assert.deepEqual(only(inet, 'config/supervisorctl-unreachable'), []);
    assert.match(only(inet.replace(':9001\n[rpc', ':9002\n[rpc'), 'config/supervisorctl-unreachable')[0].message, /does not match/);
    const unix = `${MAIN}[unix_http_server:local]\nfile=/tmp/s.sock\n${rpc}retries=3\n[supervisorctl]\nserverurl=unix:///tmp/s.sock\n`;
    assert.deepEqual(only(unix, 'config/supervisorctl-unreachable'), []);
    // The factory is called once that server starts: its stray key is reported.
    assert.equal(only(unix, 'config/plugin-factory').length, 1);
  });
  test('a [group] reads an fcgi-program as a plain program: no socket is required, read or made', () => {
    const fcgi = '[fcgi-program:php]\ncommand=/usr/bin/php-cgi\nsocket=tcp://127.0.0.1:9000\nsocket_owner=www-data\nsocket_mode=x\n';
    const grouped = `${MAIN}${fcgi}[group:web]\nprograms=php\n`;
    assert.deepEqual(rules(grouped), ['config/fcgi-program-in-group']);
    assert.deepEqual(rules(grouped.replace('socket=tcp://127.0.0.1:9000\n', '')), ['config/fcgi-program-in-group']);
    // Alone, it is an fcgi-program: its socket keys are read and judged.
    assert.deepEqual(rules(`${MAIN}${fcgi}`).sort(), ['config/fcgi-socket-options', 'config/fcgi-socket-options', 'config/invalid-value']);
    // A group of the program's own name lists it too.
    assert.deepEqual(rules(`${MAIN}${fcgi}[group:php]\nprograms=php\n`), ['config/fcgi-program-in-group']);
  });
  test("factories of the supervisor package must exist and take the section's keys", () => {
    const server = '[unix_http_server]\nfile=/tmp/s.sock\n';
    const typo = `${MAIN}${server}[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterfac\n`;
    assert.match(applyFix(typo, 'config/plugin-factory'), /= supervisor\.rpcinterface:make_main_rpcinterface$/m);
    const extra = `${MAIN}${server}[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\nretries=3\n`;
    assert.equal(only(extra, 'config/plugin-factory')[0].range.start.line, 5);
    // The class the main factory instantiates is a factory as good (supervisord starts with it); other names are not.
    const named = (factory: string) => `${MAIN}${server}[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = ${factory}\n`;
    assert.deepEqual(only(named('supervisor.rpcinterface:SupervisorNamespaceRPCInterface'), 'config/plugin-factory'), []);
    assert.match(only(named('supervisor.rpcinterface:Faults'), 'config/plugin-factory')[0].message, /is not an RPC interface factory/);
    // Without an HTTP server the factory is never called; plugins from other packages are the server's business.
    assert.deepEqual(only(extra.replace(server, ''), 'config/plugin-factory'), []);
    assert.deepEqual(
      only(
        `${MAIN}${server}[rpcinterface:twiddler]\nsupervisor.rpcinterface_factory = supervisor_twiddler.rpcinterface:make_twiddler_rpcinterface\nx=1\n`,
        'config/plugin-factory',
      ),
      [],
    );
  });
  test('an empty user or user:group fails everywhere', () => {
    assert.equal(only(program('user=\n'), 'config/invalid-value').length, 1);
    assert.equal(only(`${MAIN}[unix_http_server]\nfile=/tmp/s.sock\nchown=nobody:\n`, 'config/invalid-value').length, 1);
    assert.deepEqual(only(program('user=nobody\n'), 'config/invalid-value'), []);
  });
});

describe('config/duplicate-group-name', () => {
  /** The section whose group supervisord keeps, as its start-up adds the loader's sorted groups (first name wins). */
  function keptBySupervisord(text: string): string {
    const script = [
      'import sys, tempfile',
      'from supervisor import options',
      "f = tempfile.NamedTemporaryFile('w', suffix='.conf', delete=False); f.write(sys.stdin.read()); f.close()",
      'o = options.ServerOptions(); o.configfile = f.name; o.process_config(do_usage=False)',
      "kinds = {'ProcessGroupConfig': 'program', 'EventListenerPoolConfig': 'eventlistener', 'FastCGIGroupConfig': 'fcgi-program'}",
      'first = o.process_group_configs[0]',
      "print(kinds[type(first).__name__] + ':' + ','.join(p.name for p in first.process_configs))",
    ].join('\n');
    const run = spawnSync('/usr/bin/python3', ['-c', script], { input: text, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout.trim();
  }
  const kept = (text: string) =>
    only(text, 'config/duplicate-group-name')
      .filter((f) => f.message.includes('starts this one'))
      .map((f) => text.split('\n')[f.range.start.line]);

  test('the section supervisord keeps is the one the findings name, others being skipped', () => {
    const listener = '[eventlistener:x]\ncommand=/bin/cat\nevents=TICK_60\n';
    const cases: [string, string, string][] = [
      [`${MAIN}[program:x]\ncommand=/bin/cat\n${listener}`, 'eventlistener:x', '[eventlistener:x]'],
      [`${MAIN}[program:x]\ncommand=/bin/cat\npriority=-5\n${listener}`, 'program:x', '[program:x]'],
      [`${MAIN}[program:x]\ncommand=/bin/cat\n[group:x]\nprograms=y\n[program:y]\ncommand=/bin/cat\n`, 'program:y', '[group:x]'],
    ];
    for (const [text, supervisord, ours] of cases) {
      assert.equal(keptBySupervisord(text), supervisord, text);
      assert.deepEqual(kept(text), [ours], text);
      assert.equal(only(text, 'config/duplicate-group-name').length, 2, text);
    }
  });
  test('a group named after the program it lists is one group; a priority only the server knows leaves the winner open', () => {
    assert.deepEqual(only(`${MAIN}[group:x]\nprograms=x\n[program:x]\ncommand=/bin/cat\n`, 'config/duplicate-group-name'), []);
    const [finding] = only(
      `${MAIN}[program:x]\ncommand=/bin/cat\npriority=%(ENV_P)s\n[fcgi-program:x]\ncommand=/bin/cat\nsocket=tcp://127.0.0.1:9000\n`,
      'config/duplicate-group-name',
    );
    assert.match(finding.message, /lower priority \(which only the server knows here\)/);
  });
  test('among many programs, each name two sections make is found, whichever two kinds make it', () => {
    const programs = ['a', 'b', 'c', 'y'].map((name) => `[program:${name}]\ncommand=/bin/cat\n`).join('');
    const text = `${MAIN}${programs}[group:x]\nprograms=a\n[eventlistener:x]\ncommand=/bin/cat\nevents=TICK_60\n[fcgi-program:y]\ncommand=/bin/cat\nsocket=tcp://127.0.0.1:9000\n`;
    const headers = only(text, 'config/duplicate-group-name').map((f) => text.split('\n')[f.range.start.line]);
    assert.deepEqual(headers.sort(), ['[eventlistener:x]', '[fcgi-program:y]', '[group:x]', '[program:y]']);
    assert.deepEqual(only(`${MAIN}${programs}[eventlistener:z]\ncommand=/bin/cat\nevents=TICK_60\n`, 'config/duplicate-group-name'), []);
  });
});

describe('config/shared-logfile', () => {
  const rule = 'config/shared-logfile';
  const at = (text: string) => findings(text, rule, undefined, { path: '/etc/supervisor/supervisord.conf' });
  const logs = (stdout: string, stderr: string, more = '') => program(`stdout_logfile=${stdout}\nstderr_logfile=${stderr}\n${more}`);
  test('stdout and stderr in one file, expanded alike, rotating: on the stderr line, with redirect_stderr=true as the fix', () => {
    const text = logs('/var/log/%(program_name)s.log', '/var/log/web.log');
    const [found] = at(text);
    assert.match(
      found.message,
      /^\[program:web\] writes stdout and stderr to one file, \/var\/log\/web\.log, .*stdout_logfile_maxbytes=50MB/,
    );
    assert.doesNotMatch(found.message, /Celery/);
    assert.equal(applyFix(text, rule), program('stdout_logfile=/var/log/%(program_name)s.log\nredirect_stderr=true\n'));
  });
  test('a Celery worker is told its log goes to stderr', () => {
    const text = `${MAIN}[program:w]\ncommand=celery -A proj worker\nstdout_logfile=/var/log/w.log\nstderr_logfile=/var/log/w.log\nstopwaitsecs=600\n`;
    assert.match(at(text)[0].message, /This Celery worker logs to stderr/);
  });
  test('one handler rotating is enough; none rotating, redirect_stderr, AUTO, NONE, devices and event listeners are fine', () => {
    assert.equal(at(logs('/var/log/w.log', '/var/log/w.log', 'stdout_logfile_maxbytes=0\n')).length, 1);
    for (const text of [
      logs('/var/log/w.log', '/var/log/w.log', 'stdout_logfile_maxbytes=0\nstderr_logfile_maxbytes=0\n'),
      logs('/var/log/w.log', '/var/log/w.log', 'redirect_stderr=true\n'),
      logs('/var/log/w.log', '/var/log/w.log', 'redirect_stderr=%(ENV_REDIRECT)s\n'),
      logs('AUTO', 'auto'),
      logs('NONE', 'none'),
      logs('OFF', 'OFF'),
      logs('off', 'off'),
      logs('/dev/stdout', '/dev/stdout'),
      `${MAIN}[eventlistener:e]\ncommand=/bin/cat\nevents=TICK_60\nstdout_logfile=/var/log/e.log\nstderr_logfile=/var/log/e.log\n`,
      logs('/var/log/%(ENV_LOGS)s.log', '/var/log/%(ENV_LOGS)s.log'),
      logs('/var/log/w.log', '/var/log/w.log', 'stdout_logfile_maxbytes=%(ENV_SIZE)s\nstderr_logfile_maxbytes=0\n'),
    ])
      assert.deepEqual(at(text), [], text);
  });
  test('the processes of one program sharing a file', () => {
    const numbered = program('numprocs=2\nprocess_name=%(program_name)s_%(process_num)s\nstdout_logfile=/var/log/w.log\n');
    assert.match(at(numbered)[0].message, /runs 2 processes that all write \/var\/log\/w\.log/);
    assert.deepEqual(at(numbered.replace('w.log', 'w-%(process_num)s.log')), []);
  });
  test('the fix puts -%(process_num)02d in the name, before its extension, and supervisord then gives each process its file', () => {
    const numbered = (log: string) => program(`numprocs=2\nprocess_name=%(program_name)s_%(process_num)s\nstdout_logfile=${log}\n`);
    const fixedLog = (log: string) => /^stdout_logfile=(.*)$/m.exec(applyFix(numbered(log), rule))![1];
    assert.equal(fixedLog('/var/log/w.log ; kept'), '/var/log/w-%(process_num)02d.log ; kept');
    assert.equal(fixedLog('/var/log/worker'), '/var/log/worker-%(process_num)02d');
    assert.equal(fixedLog('/var/log.d/worker'), '/var/log.d/worker-%(process_num)02d');
    assert.equal(fixedLog('/var/log/.hidden'), '/var/log/.hidden-%(process_num)02d');
    assert.equal(fixedLog('w.log.txt'), 'w.log-%(process_num)02d.txt');
    assert.equal(at(numbered('/var/log/w.log'))[0].fixes[0].title, 'Give each process its own log file: w-%(process_num)02d.log');
    // A name on several lines is left to the user.
    assert.deepEqual(at(numbered('\n  /var/log/w.log'))[0].fixes, []);
    const loaded = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        'import sys, tempfile; from supervisor.options import ServerOptions as S; f=tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False); f.write(sys.argv[1]); f.close(); o=S(); o.configfile=f.name; o.process_config(do_usage=False); print([p.stdout_logfile for g in o.process_group_configs for p in g.process_configs])',
        applyFix(numbered('/var/log/w.log'), rule),
      ],
      { encoding: 'utf8' },
    );
    assert.equal(loaded.stdout.trim(), "['/var/log/w-00.log', '/var/log/w-01.log']", loaded.stderr);
  });
  test("a [DEFAULT] log file is marked on each program's header and has no fix", () => {
    const text = `${MAIN}[DEFAULT]\nstdout_logfile=/var/log/all.log\nstderr_logfile=/var/log/all.log\n[program:a]\ncommand=/bin/cat\n[program:b]\ncommand=/bin/cat\n`;
    const found = at(text);
    assert.deepEqual(
      found.map((f) => [f.range.start.line, f.fixes]),
      [
        [4, []],
        [6, []],
      ],
    );
  });
});

describe('config/logfile-shared-by-programs', () => {
  const rule = 'config/logfile-shared-by-programs';
  const two = (a: string, b: string) => `${program(a, 'a')}[program:b]\ncommand=/bin/cat\n${b}`;
  test('the second program to write a file is marked, naming the first', () => {
    const [found] = findings(two('stdout_logfile=/var/log/app.log\n', 'stderr_logfile=/var/log/app.log\n'), rule);
    assert.match(
      found.message,
      /^\[program:b\] writes \/var\/log\/app\.log, which \[program:a\] writes too, .*stdout_logfile_maxbytes=50MB/,
    );
    assert.equal(found.range.start.line, 6);
    // stdout and stderr of b both in a's file: b is marked once.
    assert.equal(
      findings(two('stdout_logfile=/var/log/app.log\n', 'stdout_logfile=/var/log/app.log\nstderr_logfile=/var/log/app.log\n'), rule).length,
      1,
    );
  });
  test('files with a %, without rotation, or not files at all are left alone; one handler rotating is enough', () => {
    for (const [a, b] of [
      ['stdout_logfile=/var/log/%(program_name)s.log\n', 'stdout_logfile=/var/log/%(program_name)s.log\n'],
      ['stdout_logfile=/var/log/app.log\nstdout_logfile_maxbytes=0\n', 'stdout_logfile=/var/log/app.log\nstdout_logfile_maxbytes=0\n'],
      ['stdout_logfile=/dev/stdout\n', 'stdout_logfile=/dev/stdout\n'],
      // supervisord's logfile_name reads OFF as NONE, in any case.
      ['stdout_logfile=off\n', 'stdout_logfile=off\nstderr_logfile=off\n'],
      ['stderr_logfile=/var/log/app.log\nredirect_stderr=true\n', 'stdout_logfile=/var/log/app.log\n'],
    ])
      assert.deepEqual(findings(two(a, b), rule), [], a + b);
    assert.equal(
      findings(two('stdout_logfile=/var/log/app.log\nstdout_logfile_maxbytes=0\n', 'stdout_logfile=/var/log/app.log\n'), rule).length,
      1,
    );
  });
  test("a [DEFAULT] file is marked on each later program's header", () => {
    const text = `${MAIN}[DEFAULT]\nstdout_logfile=/var/log/all.log\nredirect_stderr=true\n[program:a]\ncommand=/bin/cat\n[program:b]\ncommand=/bin/cat\n[program:c]\ncommand=/bin/cat\n`;
    assert.deepEqual(
      findings(text, rule).map((f) => [f.range.start.line, f.fixes]),
      [
        [6, []],
        [8, []],
      ],
    );
  });
  test('the fix names the file after its program, unless a program writes that name already', () => {
    const text = two('stdout_logfile=/var/log/app.log\n', 'stdout_logfile=/var/log/app.log ; shared\n');
    assert.equal(findings(text, rule)[0].fixes[0].title, 'Write app-b.log instead');
    assert.equal(applyFix(text, rule), two('stdout_logfile=/var/log/app.log\n', 'stdout_logfile=/var/log/app-b.log ; shared\n'));
    assert.match(
      applyFix(two('stdout_logfile=/var/log/app\n', 'stdout_logfile=/var/log/app\n'), rule),
      /^stdout_logfile=\/var\/log\/app-b$/m,
    );
    // The other program's name in the file name is replaced.
    const named = (log: string) =>
      `${MAIN}[program:worker]\ncommand=/bin/cat\nstdout_logfile=${log}\n[program:worker-high]\ncommand=/bin/cat\nstdout_logfile=${log}\n`;
    assert.match(applyFix(named('/var/log/worker.log'), rule), /^stdout_logfile=\/var\/log\/worker-high\.log$/m);
    assert.match(applyFix(named('/var/log/celery-worker.out'), rule), /^stdout_logfile=\/var\/log\/celery-worker-high\.out$/m);
    const taken = `${two('stdout_logfile=/var/log/app.log\n', 'stdout_logfile=/var/log/app.log\n')}[program:c]\ncommand=/bin/cat\nstdout_logfile=/var/log/app-b.log\n`;
    assert.deepEqual(findings(taken, rule)[0].fixes, []);
    // Already named after it: the other program is the one to change.
    assert.deepEqual(findings(two('stdout_logfile=/var/log/b.log\n', 'stdout_logfile=/var/log/b.log\n'), rule)[0].fixes, []);
  });
  test('a program of no name (a header being typed) gets no fix, and the other one a file named after its own', () => {
    // Each fix looked for the other program's name in the file name, and the empty name of `[program:]` never ran out.
    const log = 'stdout_logfile=/var/log/app.log\n';
    const titles = (text: string) => findings(text, rule).map((f) => f.fixes.map((fix) => fix.title));
    assert.deepEqual(titles(`${program(log, '')}${program(log, 'b')}`), [['Write app-b.log instead']]);
    assert.deepEqual(titles(`${program(log, 'b')}${program(log, '')}`), [[]]);
  });
  test("a program sharing both its streams' files keeps two files once both are fixed", () => {
    const streams = 'stdout_logfile=/var/log/celery.log\nstderr_logfile=/var/log/celery_error.log\n';
    const text = two(streams, streams);
    const once = applyFix(text, rule);
    const twice = applyFix(once, rule);
    assert.match(twice, /stdout_logfile=\/var\/log\/celery-b\.log\nstderr_logfile=\/var\/log\/celery_error-b\.log\n$/);
    assert.deepEqual(
      findings(twice, undefined).map((f) => f.rule),
      [],
    );
  });
});

describe("supervisord's log warnings", () => {
  test('syslog: the fix writes NONE and *_syslog=true, also on the last line; none when *_syslog is set already', () => {
    const rule = 'config/syslog-logfile-deprecated';
    assert.equal(applyFix(program('stderr_logfile=SYSLOG ; kept\n'), rule), program('stderr_logfile=NONE ; kept\nstderr_syslog=true\n'));
    assert.equal(
      applyFix(`${MAIN}[program:web]\ncommand=/bin/cat\nstdout_logfile=syslog`, rule),
      program('stdout_logfile=NONE\nstdout_syslog=true'),
    );
    assert.deepEqual(findings(program('stdout_logfile=syslog\nstdout_syslog=false\n'), rule)[0].fixes, []);
  });
  test('AUTO without rotation: on the maxbytes line, or the header for [DEFAULT] (no fix then)', () => {
    const rule = 'config/auto-logfile-without-rotation';
    assert.match(
      findings(program('stderr_logfile_maxbytes=0KB\n'), rule)[0].message,
      /stderr to an AUTO log file in childlogdir \(stderr_logfile is not set\)/,
    );
    const inherited = `${MAIN}[DEFAULT]\nstdout_logfile_maxbytes=0\n[program:web]\ncommand=/bin/cat\n`;
    assert.deepEqual(
      findings(inherited, rule).map((f) => [f.range.start.line, f.fixes]),
      [[3, []]],
    );
    assert.deepEqual(findings(program('numprocs=0\nstdout_logfile_maxbytes=0\n'), rule), []);
  });
  test('an ignored stderr_logfile: deleting it is safe and preferred; a [DEFAULT] one is left alone', () => {
    const rule = 'config/stderr-logfile-ignored';
    const text = program('redirect_stderr=true\nstderr_logfile=/var/log/web.err\n');
    const [found] = findings(text, rule);
    assert.deepEqual(
      found.fixes.map((f) => [f.title, f.safe, f.preferred === true]),
      [
        ['Delete the stderr_logfile supervisord ignores', true, true],
        ['Give stderr its file: set redirect_stderr=false', false, false],
      ],
    );
    assert.equal(applyFix(text, rule), program('redirect_stderr=true\n'));
    const inherited = `${MAIN}[DEFAULT]\nstderr_logfile=/var/log/all.err\n[program:web]\ncommand=/bin/cat\nredirect_stderr=true\n`;
    assert.deepEqual(
      findings(inherited, rule)[0].fixes.map((f) => f.title),
      ['Give stderr its file: set redirect_stderr=false'],
    );
  });
});

describe('config/inet-http-server-without-auth', () => {
  const rule = 'config/inet-http-server-without-auth';
  const server = (port: string, more = '') => `${MAIN}[inet_http_server]\nport=${port}\n${more}`;
  test('the address read as supervisor reads it: every interface for no host or *, the loopback left alone', () => {
    const ports = [
      '9001',
      '*:9001',
      ':9001',
      '0.0.0.0:9001',
      '10.1.2.3:9001',
      'LOCALHOST:9001',
      '127.0.0.1:9001',
      '127.0.1.1:9001',
      '::1:9001',
    ];
    const loaded = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        'import sys, json; from supervisor.datatypes import inet_address; print(json.dumps([inet_address(p)[0] for p in sys.argv[1:]]))',
        ...ports,
      ],
      { encoding: 'utf8' },
    );
    const hosts: string[] = JSON.parse(loaded.stdout);
    const reported = ports.map((port) => findings(server(port), rule)[0]?.message.match(/listens on (.*?) \(port=/)?.[1]);
    assert.deepEqual(
      reported,
      hosts.map((host) =>
        host === '' || host === '0.0.0.0' ? 'every interface' : /^(127\.|localhost$|::1$)/.test(host) ? undefined : host,
      ),
    );
    assert.deepEqual(reported, [
      'every interface',
      'every interface',
      'every interface',
      'every interface',
      '10.1.2.3',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
  test('a login, a port only the server completes, or a [DEFAULT] port (no fix then)', () => {
    assert.deepEqual(findings(server('*:9001', 'username=admin\npassword=secret\n'), rule), []);
    // An empty username is no login: supervisord installs its check only for a non-empty one.
    assert.equal(findings(server('*:9001', 'username=\npassword=\n'), rule).length, 1);
    assert.deepEqual(findings(server('%(ENV_PORT)s'), rule), []);
    const inherited = `${MAIN}[DEFAULT]\nport=9001\n[inet_http_server]\n`;
    assert.deepEqual(
      findings(inherited, rule).map((f) => [f.range.start.line, f.fixes]),
      [[3, []]],
    );
  });
});

describe('config/user-switch-needs-root', () => {
  const rule = 'config/user-switch-needs-root';
  const under = (supervisordUser: string, body: string) =>
    `[supervisord]\nuser=${supervisordUser}\n[program:web]\ncommand=/bin/cat\n${body}`;
  test('another user than an unprivileged supervisord: names with names, numbers with numbers', () => {
    assert.equal(findings(under('app', 'user=www-data\n'), rule)[0].severity, 'warning');
    assert.equal(findings(under('1000', 'user=0\n'), rule).length, 1);
    for (const [supervisord, program] of [
      ['app', 'user=app\n'],
      ['root', 'user=www-data\n'],
      ['0', 'user=www-data\n'],
      ['app', 'user=1000\n'],
      ['1000', 'user=app\n'],
      ['%(ENV_USER)s', 'user=www-data\n'],
      ['app', 'user=%(ENV_USER)s\n'],
      ['app', ''],
    ])
      assert.deepEqual(findings(under(supervisord, program), rule), [], `${supervisord} / ${program}`);
  });
  test("a fragment under its main config's [supervisord] user=; a [DEFAULT] user= marked on the header, without a fix", () => {
    const source = memorySource({
      '/etc/supervisor/supervisord.conf': '[supervisord]\nuser=app\n[include]\nfiles = conf.d/*.conf\n',
      '/etc/supervisor/conf.d/web.conf': '[program:web]\ncommand=/bin/cat\nuser=www-data\n',
    });
    const text = '[program:web]\ncommand=/bin/cat\nuser=www-data\n';
    assert.equal(findings(text, rule, undefined, { path: '/etc/supervisor/conf.d/web.conf', source }).length, 1);
    const inherited = '[supervisord]\nuser=app\n[DEFAULT]\nuser=www-data\n[program:web]\ncommand=/bin/cat\n';
    assert.deepEqual(
      findings(inherited, rule).map((f) => [f.range.start.line, f.fixes]),
      [[4, []]],
    );
  });
});

describe('config/unix-http-server-open-to-all', () => {
  const rule = 'config/unix-http-server-open-to-all';
  const server = (more: string) => `${MAIN}[unix_http_server]\nfile=/run/s.sock\n${more}`;
  test('a mode that lets every user write to the socket, without a login', () => {
    for (const mode of ['0777', '0766', '0666', '0702', '777', '0o777'])
      assert.equal(findings(server(`chmod=${mode}\n`), rule).length, 1, mode);
    for (const more of ['', 'chmod=0700\n', 'chmod=0770\n', 'chmod=0775\n', 'chmod=0777\nusername=a\npassword=b\n', 'chmod=%(ENV_MODE)s\n'])
      assert.deepEqual(findings(server(more), rule), [], more);
    const inherited = `${MAIN}[DEFAULT]\nchmod=0777\n[unix_http_server]\nfile=/run/s.sock\n`;
    assert.deepEqual(
      findings(inherited, rule).map((f) => [f.range.start.line, f.fixes]),
      [[3, []]],
    );
  });
});

describe('config/shell-syntax-without-shell', () => {
  const rule = 'config/shell-syntax-without-shell';
  const marked = (command: string) => {
    const text = program(`command=${command}\n`).replace('command=/bin/cat\n', '');
    const found = findings(text, rule);
    return found.map((f) => text.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character));
  };
  test('the first word only a shell understands is marked', () => {
    assert.deepEqual(marked('cd /srv/app && /srv/venv/bin/gunicorn app'), ['cd']);
    assert.deepEqual(marked('source venv/bin/activate && gunicorn app'), ['source']);
    assert.deepEqual(marked('~/venv/bin/gunicorn app'), ['~/venv/bin/gunicorn']);
    assert.deepEqual(marked('$HOME/venv/bin/gunicorn app'), ['$HOME/venv/bin/gunicorn']);
    assert.deepEqual(marked('DJANGO_SETTINGS_MODULE=proj.settings gunicorn app'), ['DJANGO_SETTINGS_MODULE=proj.settings']);
    assert.deepEqual(marked('/srv/venv/bin/gunicorn app 2>&1'), ['2>&1']);
    assert.deepEqual(marked('/srv/venv/bin/gunicorn app >>/var/log/web.log'), ['>>/var/log/web.log']);
    assert.deepEqual(marked('/srv/venv/bin/gunicorn app | tee /tmp/x'), ['|']);
  });
  test('quoted operators, find -exec {} ;, %(ENV_HOME)s and shell scripts are fine', () => {
    for (const command of [
      `/usr/bin/printf '%%s && %%s' a b`,
      '/usr/bin/find /tmp -name x -exec rm {} \\;',
      '%(ENV_HOME)s/venv/bin/gunicorn app',
      `/bin/sh -c 'cd /srv/app && exec gunicorn app > /tmp/log 2>&1'`,
      '/srv/venv/bin/gunicorn --bind=0.0.0.0:8000 app',
      '<venv>/bin/celery -A <project_name> worker',
    ])
      assert.deepEqual(marked(command), [], command);
  });
  test('cd DIR && ... moves to directory= only when the section has none; a [DEFAULT] command is marked on the header', () => {
    assert.equal(
      applyFix(program('command=cd /srv && /bin/cat -n ; kept\n').replace('command=/bin/cat\n', ''), rule),
      program('command=/bin/cat -n ; kept\ndirectory=/srv\n').replace('command=/bin/cat\n', ''),
    );
    assert.deepEqual(
      findings(program('command=cd /srv && /bin/cat\ndirectory=/tmp\n').replace('command=/bin/cat\n', ''), rule)[0].fixes,
      [],
    );
    assert.deepEqual(findings(program('command=cd /srv && source x\n').replace('command=/bin/cat\n', ''), rule)[0].fixes, []);
    const bare = (body: string) => program(body).replace('command=/bin/cat\n', '');
    assert.equal(
      applyFix(bare('command=A=1 B=x/y /bin/cat\nenvironment=C="3"\n'), rule),
      bare('command=/bin/cat\nenvironment=C="3",A="1",B="x/y"\n'),
    );
    assert.equal(applyFix(bare('command=LANG=C.UTF-8 /bin/cat ; c\n'), rule), bare('command=/bin/cat ; c\nenvironment=LANG="C.UTF-8"\n'));
    for (const body of ['command="A=1 2" /bin/cat\n', 'command=A=x,y /bin/cat\n', 'command=A=1 /bin/cat\nenvironment=\n'])
      assert.deepEqual(findings(bare(body), rule)[0].fixes, [], body);
    assert.deepEqual(findings(`${MAIN}[DEFAULT]\nenvironment=C="3"\n[program:web]\ncommand=A=1 /bin/cat\n`, rule)[0].fixes, []);
    const inherited = `${MAIN}[DEFAULT]\ncommand=exec /bin/cat\n[program:a]\n[program:b]\n`;
    assert.deepEqual(
      findings(inherited, rule).map((f) => [f.range.start.line, f.fixes.length]),
      [
        [3, 0],
        [4, 0],
      ],
    );
  });
});
