// The generated configurations the bench measures: realistic Celery deployments at any size, conf.d trees on disk
// and the difficult shapes (one huge line, thousands of continuation lines, typos among many process names).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One Celery worker program the way deployments write them (about 620 bytes). */
export function program(i: number): string {
  return [
    `[program:worker-${i}]`,
    `command=/srv/app/venv/bin/celery -A proj worker -l info -Q queue-${i} --pool=prefork --concurrency=4 --max-tasks-per-child=1000 --max-memory-per-child=262144 -n worker-${i}-%(process_num)02d@%%h`,
    'directory=/srv/app',
    'user=app',
    'numprocs=2',
    'process_name=%(program_name)s_%(process_num)02d',
    'autostart=true',
    'autorestart=true',
    'startsecs=10',
    'stopwaitsecs=600 ; give running tasks time to finish',
    'stdout_logfile_maxbytes=50MB',
    'killasgroup=true',
    `stdout_logfile=/var/log/celery/worker-${i}-%(process_num)02d.log`,
    `stderr_logfile=/var/log/celery/worker-${i}-%(process_num)02d.err`,
    'environment=DJANGO_SETTINGS_MODULE="proj.settings",PYTHONUNBUFFERED="1"',
    '',
  ].join('\n');
}

const SUPERVISORD =
  '[supervisord]\nlogfile=/var/log/supervisord.log\npidfile=/run/supervisord.pid\n\n[unix_http_server]\nfile=/run/supervisor.sock\n\n[supervisorctl]\nserverurl=unix:///run/supervisor.sock\n\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n';

/** A main config with `programs` workers and a memmon listener watching some of them. */
export function programs(count: number): string {
  const parts = [SUPERVISORD];
  for (let i = 0; i < count; i++) parts.push(program(i));
  const watched = Array.from({ length: Math.min(count, 50) }, (_, i) => `-p worker-${i}_00=512MB`).join(' ');
  parts.push(`[eventlistener:memmon]\ncommand=memmon ${watched}\nevents=TICK_60\n`);
  return parts.join('\n');
}

/** Programs with numprocs=1000 each and a memmon listener naming 20 processes: `typos` of them misspelt. */
export function manyProcesses(count: number, typos: number): string {
  const parts = [SUPERVISORD];
  for (let i = 0; i < count; i++)
    parts.push(`[program:web-${i}]\ncommand=/srv/app/bin/serve\nnumprocs=1000\nprocess_name=%(program_name)s_%(process_num)03d\n`);
  const names = Array.from({ length: 20 }, (_, i) => `-p web-${i}_${String(i).padStart(3, '0')}=200MB`);
  for (let i = 0; i < typos; i++) names[i] = names[i].replace('-p web-', '-p wbe-');
  parts.push(`[eventlistener:memmon]\ncommand=memmon ${names.join(' ')}\nevents=TICK_60\n`);
  return parts.join('\n');
}

/** `count` programs each running a Celery beat: every one is reported, naming the others. */
export const beats = (count: number) => Array.from({ length: count }, (_, i) => beatProgram(i)).join('\n');

/** `count` programs with a key supervisord ignores, each silenced by a `disable-file` comment of its own. */
export const fileSuppressions = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `; supervisor-lint: disable-file=config/unknown-key\n[program:web-${i}]\ncommand=/srv/app/bin/serve\nport=80${i}\n`,
  ).join('\n');

export const singleLine = (bytes: number) => `[program:x]\ncommand=celery worker ${'-P gevent '.repeat(Math.floor(bytes / 10))}\n`;

export const continuationLines = (count: number) =>
  `[program:x]\ncommand=celery -A p worker\n${'    --max-memory-per-child 1 -P gevent\n'.repeat(count)}`;

/** The same program in every fragment: one file copied without renaming its section, n times. */
export const copiedProgram = (i: number) => program(0).replace('-Q queue-0', `-Q queue-${i}`);

/** A fragment running a Celery beat of its own. */
export const beatProgram = (i: number) => `[program:beat-${i}]\ncommand=/srv/app/venv/bin/celery -A proj beat -l info\n`;

/** A fragment with a worker and a memmon listener of its own, which names the worker and a process that does not exist. */
export const watchedProgram = (i: number) =>
  `${program(i)}\n[eventlistener:memmon-${i}]\ncommand=/srv/app/venv/bin/memmon -p worker-${i}_00=512MB -p wroker-${i}_01=512MB\nevents=TICK_60\n`;

/** A fragment whose memmon listener names a process far from every name (`nope-7` among `worker-N_NN`). */
export const farMisspelling = (i: number) =>
  `${program(i)}\n[eventlistener:memmon-${i}]\ncommand=/srv/app/venv/bin/memmon -p nope-${i}=512MB\nevents=TICK_60\n`;

/** A fragment with a [DEFAULT] of its own: a key the programs read, and one nothing reads. */
export const defaultsProgram = (i: number) => `[DEFAULT]\nstartretries=${i % 5}\nnote-${i}=x\n\n${program(i)}`;

/**
 * supervisord.conf including conf.d/*.conf with one program per fragment (a worker, or what `fragment` makes of the
 * fragment's number); returns the paths.
 */
export function confd(root: string, fragments: number, fragment: (i: number) => string = program): { main: string; fragments: string[] } {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'conf.d'), { recursive: true });
  const main = join(root, 'supervisord.conf');
  writeFileSync(main, `${SUPERVISORD}\n[include]\nfiles = ${join(root, 'conf.d')}/*.conf\n`);
  const paths: string[] = [];
  for (let i = 0; i < fragments; i++) {
    const path = join(root, 'conf.d', `worker-${i}.conf`);
    writeFileSync(path, fragment(i));
    paths.push(path);
  }
  return { main, fragments: paths };
}
