// supervisord's own start-up warnings about log files, against our three rules that report them: for every mix of
// log file, rotation size and redirect_stderr below, in a program and in an event listener, the loader warns exactly
// where config/syslog-logfile-deprecated, config/auto-logfile-without-rotation and config/stderr-logfile-ignored
// report (but one case, said below).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { findings } from '../helpers/lint';

const PYTHON = '/usr/bin/python3';
const noSupervisor =
  !(existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import supervisor.options']).status === 0) &&
  'the supervisor package is not installed (apt-get install supervisor; .ci/run does)';

/** Each config's warnings, classified as `syslog:<stream>`, `auto:<stream>` and `ignored`. */
const LOADER = `
import json, re, sys, tempfile
from supervisor.options import ServerOptions
out = []
for text in json.load(sys.stdin):
    with tempfile.NamedTemporaryFile('w', suffix='.conf', delete=False) as f:
        f.write(text)
    o = ServerOptions(); o.configfile = f.name
    o.process_config(do_usage=False)
    kinds = set()
    for w in o.parse_warnings:
        m = re.search(r'(stdout|stderr)_logfile=syslog but', w)
        if m: kinds.add('syslog:' + m.group(1))
        m = re.search(r'AUTO logging used for (stdout|stderr)_logfile', w)
        if m: kinds.add('auto:' + m.group(1))
        if 'the filename has been ignored' in w: kinds.add('ignored')
    out.append(sorted(kinds))
print(json.dumps(out))
`;

const RULES: Record<string, string> = {
  'config/syslog-logfile-deprecated': 'syslog',
  'config/auto-logfile-without-rotation': 'auto',
  'config/stderr-logfile-ignored': 'ignored',
};

function variants(): string[] {
  const files = [undefined, 'AUTO', 'auto', 'NONE', 'off', 'syslog', 'Syslog', '/tmp/x.log'];
  const sizes = [undefined, '0', '0KB', '1MB'];
  const texts: string[] = [];
  for (const kind of ['program:p', 'eventlistener:e'])
    for (const stdout of files)
      for (const stderr of files)
        for (const size of sizes)
          for (const redirect of kind.startsWith('program') ? [undefined, 'true', 'false'] : [undefined]) {
            const lines = [`[${kind}]`, 'command=/bin/cat'];
            if (kind.startsWith('eventlistener')) lines.push('events=TICK_60');
            if (stdout) lines.push(`stdout_logfile=${stdout}`);
            if (stderr) lines.push(`stderr_logfile=${stderr}`);
            if (size) lines.push(`stdout_logfile_maxbytes=${size}`, `stderr_logfile_maxbytes=${size}`);
            if (redirect) lines.push(`redirect_stderr=${redirect}`);
            texts.push(`[supervisord]\n${lines.join('\n')}\n`);
          }
  return texts;
}

test("supervisord's log warnings are the three rules' findings", { skip: noSupervisor }, () => {
  const texts = variants();
  const run = spawnSync(PYTHON, ['-c', LOADER], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  const loader: string[][] = JSON.parse(run.stdout);
  let warned = 0;
  texts.forEach((text, i) => {
    const ours = new Set<string>();
    for (const finding of findings(text)) {
      const kind = RULES[finding.rule];
      if (!kind) continue;
      const line = text.split('\n')[finding.range.start.line];
      ours.add(kind === 'ignored' ? kind : `${kind}:${line.startsWith('stderr') ? 'stderr' : 'stdout'}`);
    }
    // supervisord warns of stderr's AUTO file also when redirect_stderr=true makes none: not reported, no harm.
    const expected = loader[i].filter((kind) => !(kind === 'auto:stderr' && /redirect_stderr=true/.test(text)));
    warned += expected.length;
    assert.deepEqual([...ours].sort(), expected, text);
  });
  assert.ok(warned > 100, `warnings compared: ${warned}`);
});
