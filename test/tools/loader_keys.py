#!/usr/bin/python3
"""Lists the config keys supervisord 4.2.5's loader reads, per loader function, straight from its source.

Prints JSON {function_name: [key, ...]}. Keys built from templates ('%s_logfile' % k for k in
('stdout', 'stderr')) are expanded. Used to prove the schema complete against the installed loader.
"""
import ast
import inspect
import json
import textwrap

from supervisor import options

FUNCTIONS = {
    'ServerOptions.read_config': options.ServerOptions.read_config,
    'ServerOptions.process_groups_from_parser': options.ServerOptions.process_groups_from_parser,
    'ServerOptions._processes_from_section': options.ServerOptions._processes_from_section,
    'ServerOptions.server_configs_from_parser': options.ServerOptions.server_configs_from_parser,
    'ServerOptions._parse_username_and_password': options.ServerOptions._parse_username_and_password,
    'ClientOptions.read_config': options.ClientOptions.read_config,
}
READERS = {'get', 'saneget', 'getdefault', 'has_option'}


def keys_read(function):
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    keys = set()
    templates = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, 'id', None)
        receiver = getattr(node.func, 'value', None)
        if name not in READERS or getattr(receiver, 'id', None) == 'kwargs':
            continue
        for arg in node.args[:2]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                # The first string argument is the key, except parser.get('include', 'files').
                if arg.value != 'include':
                    keys.add(arg.value)
                    break
                continue
            if isinstance(arg, ast.Name) and arg.id.endswith('_key'):
                templates.add(arg.id)
    # lf_key/bu_key/mb_key/sy_key are '%s_logfile', '%s_logfile_backups', ... for stdout and stderr.
    suffix = {'lf_key': 'logfile', 'bu_key': 'logfile_backups', 'mb_key': 'logfile_maxbytes', 'sy_key': 'syslog'}
    for template in templates:
        if template in suffix:
            keys.update('%s_%s' % (stream, suffix[template]) for stream in ('stdout', 'stderr'))
    return sorted(keys)


def plugin_factory_keys():
    """The factory key of each plugin section prefix: get_plugins(parser, '<key>', '<prefix>:')."""
    found = {}
    for cls in (options.ServerOptions, options.ClientOptions):
        for node in ast.walk(ast.parse(textwrap.dedent(inspect.getsource(cls)))):
            if isinstance(node, ast.Call) and getattr(node.func, 'attr', None) == 'get_plugins':
                key, prefix = (a.value for a in node.args[1:3])
                found[prefix] = key
    return found


result = {name: keys_read(f) for name, f in FUNCTIONS.items()}
result['plugins'] = plugin_factory_keys()
print(json.dumps(result))
