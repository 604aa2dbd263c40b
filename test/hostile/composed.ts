// Configs composed of lines that each mean something to a rule: Celery and memmon command lines, shared and rotated
// logs, process names, [DEFAULT], includes, suppressions, odd names (empty, with `%`, with a space). Mutating the
// fixtures rarely brings such lines together; composing them does (two `[program:]` headers beside a program writing
// the same log hung a rule once, and the mutations needed 49,478 cases to meet it).

/** Program names, the odd ones among them. */
const NAMES = ['worker', 'beat', 'web', '', 'w%x', 'worker_00', 'a b', 'worker-%(ENV_X)s'];

/** `{name}` is replaced with a name of NAMES. */
const LINES = [
  '[program:{name}]',
  '[program:{name}]',
  '[program:{name}]',
  '    [program:{name}]',
  '[program:{name}',
  '[eventlistener:memmon]',
  '[eventlistener:{name}]',
  '[fcgi-program:{name}]',
  '[group:{name}]',
  '[DEFAULT]',
  '[supervisord]',
  '[include]',
  '[unix_http_server]',
  '[inet_http_server]',
  '[supervisorctl]',
  '[rpcinterface:supervisor]',
  'command=celery -A proj worker -P gevent --max-memory-per-child=262144',
  'command=/srv/venv/bin/celery -A proj beat -l info',
  'command=celery -A proj worker --pool=threads --concurrency=200 -n {name}@%%h',
  'command=celery -A proj worker -EB -c 4 --max-tasks-per-child=100 --max-memory-per-child=64000',
  'command=celery -A proj worker --detach --pidfile=/run/{name}.pid',
  'command=/bin/sh -c "cd /srv && exec celery -A proj worker -P eventlet"',
  "command=bash -c 'source /srv/env && celery -A proj worker'",
  'command=memmon -p {name}=200MB -g {name}=1GB -m ops@example.com',
  'command=memmon -p {name}_00=512MB -a 1GB',
  'command=cd /srv && celery -A proj worker',
  'command=FOO=1 celery -A proj worker',
  'command=%(ENV_HOME)s/bin/run --name=%(program_name)s',
  'command=uv run celery -A proj worker -P gevent',
  'command=',
  'numprocs=2',
  'numprocs=%(ENV_N)s',
  'numprocs=0',
  'numprocs_start=5',
  'process_name=%(program_name)s_%(process_num)02d',
  'process_name=%(program_name)s',
  'process_name=',
  'stdout_logfile=/var/log/{name}.log',
  'stdout_logfile=/var/log/shared.log',
  'stderr_logfile=/var/log/shared.log',
  'stdout_logfile=/var/log/{name}-%(process_num)02d.log',
  'stdout_logfile=AUTO',
  'stdout_logfile=syslog',
  'stdout_logfile_maxbytes=0',
  'stdout_logfile_backups=0',
  'redirect_stderr=true',
  'stopasgroup=true',
  'killasgroup=false',
  'stopsignal=INT',
  'stopsignal=TERM',
  'stopwaitsecs=600',
  'stopwaitsecs=abc',
  'user=root',
  'user=app',
  'environment=A="1",B="%(ENV_X)s"',
  'environment=',
  'environment=A=1,',
  'directory=/srv/app',
  'autostart=maybe',
  'autorestar=true',
  'priority=-1',
  'events=TICK_60',
  'events=PROCESS_STATE',
  'buffer_size=0',
  'programs={name},other',
  'programs=',
  'files=conf.d/*.conf',
  'files=',
  'logfile=/var/log/supervisord.log',
  'environment=ENV_N="3",X="x"',
  'nodaemon=true',
  'file=/run/supervisor.sock',
  'chmod=0777',
  'port=*:9001',
  'username=u',
  'password=',
  'serverurl=unix:///run/supervisor.sock',
  'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
  '; supervisor-lint: disable=config/unknown-key',
  '; supervisor-lint: disable-file=all',
  'stopwaitsecs=600 ; supervisor-lint: disable=celery/shutdown-timeout-default',
  '# a comment',
  '',
  '    continued --loglevel=INFO',
  '\t--max-memory-per-child=1000',
  '%(here)s',
  'key',
  '=value',
];

/** A config of 2-40 lines of LINES, names filled in. */
export function composedConfig(rng: () => number): string {
  const count = 2 + Math.floor(rng() * 39);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const line = LINES[Math.floor(rng() * LINES.length)];
    lines.push(line.replaceAll('{name}', () => NAMES[Math.floor(rng() * NAMES.length)]));
  }
  return `${lines.join('\n')}\n`;
}
