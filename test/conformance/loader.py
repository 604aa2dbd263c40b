#!/usr/bin/python3
"""supervisord 4.2.5's own loader as a judge: does it accept a config file?

    loader.py [--as-include] FILE...   one JSON verdict per line
    loader.py --batch                  stdin: JSON [{"text": str, "as_include": bool}], stdout: JSON [verdict]
    loader.py --configurations DIR...  stdout: JSON [verdict] of each DIR/supervisord.conf with the files it includes

A verdict is {"accepted": bool, "message": str|null, "line": int|null, "section": str|null}: the loader's first
complaint, the line it names (syntax errors) and the section it names (value errors). A configuration's verdict also
has "file": the file the complaint names, relative to DIR (null when it names none), and "unmatched": the include
patterns the loader warned match no file.

The file is loaded the way `supervisord -c FILE` loads it (ServerOptions().realize), then the start-up step that
calls each [rpcinterface:x] factory with the section's other keys, then, when the file has [supervisorctl], the
way `supervisorctl -c FILE` loads it (ClientOptions().realize). Checks that depend on the machine are neutralised
so verdicts are the same everywhere: user and group names, existing directories, the environment (%(ENV_X)s gets
a value suited to its key), importing plugins from outside the supervisor package, the host name.
With --as-include (or "as_include") the file is judged as a conf.d fragment: included by a main config that holds
only [supervisord] and [include].
"""
import inspect
import json
import os
import re
import sys
import tempfile

from pkg_resources import EntryPoint
from supervisor import datatypes, options

# --- neutralised host checks -------------------------------------------------------------------------------


def _any_user(name):
    if not str(name).strip():
        raise ValueError('Invalid user name %r' % name)
    return 0


def _any_user_group(arg):
    if not all(part.strip() for part in arg.split(':', 1)):
        raise ValueError('Invalid user:group definition %s' % arg)
    return (0, 0)


for module in (options, datatypes):
    module.name_to_uid = _any_user
    module.name_to_gid = _any_user
    module.gid_for_uid = lambda uid: 0
    module.existing_directory = os.path.expanduser
    module.existing_dirpath = os.path.expanduser
options.colon_separated_user_group = _any_user_group

_real_import_spec = options.Options.import_spec


class _Plugin:
    """Stands for a plugin from outside the supervisor package: whether it is installed is the host's business."""

    def __call__(self, *args, **kwargs):
        return None


def _import_spec(self, spec):
    module = spec.split(':', 1)[0].strip()
    if module == 'supervisor' or module.startswith('supervisor.'):
        return _real_import_spec(self, spec)
    EntryPoint.parse('x=' + spec)  # the syntax is still checked
    return _Plugin()


options.Options.import_spec = _import_spec
options.platform.node = lambda: 'loader-host'

PLACEHOLDERS = [
    (r'^(numprocs|numprocs_start|priority|startsecs|startretries|stopwaitsecs|minfds|minprocs|buffer_size|socket_backlog|.*logfile_backups)$', '1'),
    (r'^killasgroup$', 'true'),
    (r'^(autostart|redirect_stderr|nodaemon|silent|nocleanup|strip_ansi|stopasgroup|.*_events_enabled|.*_syslog)$', 'false'),
    (r'^.*_maxbytes$', '50MB'),
    (r'^stopsignal$', 'TERM'),
    (r'^(umask|chmod|socket_mode)$', '022'),
    (r'^loglevel$', 'info'),
    (r'^autorestart$', 'unexpected'),
    (r'^exitcodes$', '0'),
    (r'^port$', '9001'),
    (r'^(user|chown|socket_owner)$', 'nobody'),
    (r'^socket$', 'tcp://127.0.0.1:9000'),
    (r'^events$', 'TICK_60'),
]


def environment_for(texts):
    """ENV_X values for every %(ENV_X)s in the texts, suited to the key they appear in."""
    env = {}
    for text in texts:
        key = None
        for line in text.splitlines():
            match = re.match(r'^([^\s;#\[][^=:]*?)\s*[=:]', line)
            if match:
                key = match.group(1).strip().lower()
            for name in re.findall(r'%\(ENV_([^)]*)\)', line):
                value = next((v for pattern, v in PLACEHOLDERS if key and re.match(pattern, key)), '/env/' + name)
                env.setdefault(name, value)
    return env


# --- judging ---------------------------------------------------------------------------------------------


class Refused(Exception):
    pass


def _usage(self, msg):
    raise Refused(str(msg))


options.Options.usage = _usage


def _located(message):
    line = re.search(r'\[line\s+(\d+)\]|line:? (\d+)', message)
    section = (re.search(r"in section '([^']+)'", message) or re.search(r"for '([^'.]+(?::[^'.]*)?)\.[^']*'", message)
               or re.search(r'\[([^\]\s]+)\]', message))
    return {
        'line': int(next(g for g in line.groups() if g)) if line else None,
        'section': section.group(1) if section else None,
    }


def _verdict(message):
    if message is None:
        return {'accepted': True, 'message': None, 'line': None, 'section': None}
    verdict = {'accepted': False, 'message': message}
    verdict.update(_located(message))
    return verdict


def _start_up(server):
    """The start-up step: each rpcinterface factory is called with its section's other keys."""
    if not server.server_configs:
        return None
    for name, factory, extras in server.rpcinterface_factories:
        if isinstance(factory, _Plugin):
            continue
        try:
            inspect.signature(factory).bind(None, **extras)
        except TypeError as e:
            return "rpcinterface:%s factory cannot take these keys: %s (in section 'rpcinterface:%s')" % (name, e, name)
    return None


def judge_file(path, environment, warnings=None):
    """The verdict on a config file; `warnings`, when given, gets the loader's parse warnings (refused or not)."""
    os.environ.clear()
    os.environ.update({'HOME': '/root', 'PATH': '/usr/bin:/bin'})
    os.environ.update(environment)
    server = options.ServerOptions()
    try:
        return _judged(server, path)
    finally:
        if warnings is not None:
            warnings.extend(server.parse_warnings)


def _judged(server, path):
    try:
        server.realize(['-c', path])
        problem = _start_up(server)
        if problem:
            return _verdict(problem)
        with open(path, encoding='utf-8') as f:
            has_ctl = re.search(r'^\[supervisorctl\]', f.read(), re.M)
        if has_ctl:
            options.ClientOptions().realize(['-c', path])
    except Refused as e:
        return _verdict(str(e))
    except SystemExit as e:
        return _verdict('exited: %s' % e)
    except Exception as e:  # whatever the loader raises is a refusal, never a crash of ours
        return _verdict('%s: %s' % (type(e).__name__, e))
    return _verdict(None)


def judge(text, as_include, environment, directory=None):
    """Judges one text in its own temporary directory, or in `directory`, which a batch reuses (a file system may
    take milliseconds to remove one): its main/ and fragment/ subdirectories hold only the files written here."""
    if directory is None:
        with tempfile.TemporaryDirectory() as fresh:
            return judge(text, as_include, environment, fresh)
    directory = os.path.join(directory, 'fragment' if as_include else 'main')
    os.makedirs(directory, exist_ok=True)
    target = os.path.join(directory, 'fragment.conf' if as_include else 'supervisord.conf')
    with open(target, 'w', encoding='utf-8') as f:
        f.write(text)
    if not as_include:
        return judge_file(target, environment)
    main = os.path.join(directory, 'supervisord.conf')
    with open(main, 'w', encoding='utf-8') as f:
        f.write('[supervisord]\n[include]\nfiles = fragment.conf\n')
    return judge_file(main, environment)


def _named_file(message, directory):
    """The file a complaint about a configuration names: a value error's "(file: ...)", a parsing error's source."""
    if message is None:
        return None
    named = (re.search(r"\(file: '([^']+)'\)", message) or re.search(r"parsing errors: '([^']+)'", message)
             or re.search(r"file: '([^']+)', line", message))
    return os.path.relpath(named.group(1), directory) if named else None


def judge_configuration(directory):
    """The verdict on DIR/supervisord.conf, read with the files its [include] names, as supervisord reads them."""
    directory = os.path.abspath(directory)
    texts = []
    for root, _, names in os.walk(directory):
        for name in names:
            with open(os.path.join(root, name), encoding='utf-8', errors='surrogateescape') as f:
                texts.append(f.read())
    warnings = []
    verdict = judge_file(os.path.join(directory, 'supervisord.conf'), environment_for(texts), warnings)
    verdict['file'] = _named_file(verdict['message'], directory)
    # The include patterns that matched nothing, each as the loader quotes it (absolute).
    verdict['unmatched'] = [m.group(1) for m in (re.match(r'No file matches via include "(.*)"$', w) for w in warnings) if m]
    return verdict


def judge_batch(items):
    """Verdicts for [{"text", "as_include"}], in order, all in one temporary directory (in memory where there is
    /dev/shm: a disk under load takes a millisecond per file written)."""
    environment = environment_for(item['text'] for item in items)
    memory = '/dev/shm' if os.access('/dev/shm', os.W_OK) else None
    with tempfile.TemporaryDirectory(dir=memory) as directory:
        return [judge(item['text'], bool(item.get('as_include')), environment, directory) for item in items]


def main(args):
    if args == ['--batch']:
        print(json.dumps(judge_batch(json.load(sys.stdin))))
        return 0
    if args[:1] == ['--configurations']:
        print(json.dumps([judge_configuration(directory) for directory in args[1:]]))
        return 0
    as_include = '--as-include' in args
    files = [a for a in args if a != '--as-include']
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    for path in files:
        with open(path, encoding='utf-8', errors='surrogateescape') as f:
            text = f.read()
        verdict = judge(text, as_include, environment_for([text]))
        verdict['file'] = path
        print(json.dumps(verdict))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
