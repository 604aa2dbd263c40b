#!/usr/bin/python3
"""Runs supervisord 4.2.5's own value converters. stdin: JSON [[type, value], ...] with our schema's type names;
stdout: JSON [accepted, ...]. For `environment`, accepted pairs are returned as a list of [key, value]."""
import json
import sys

from pkg_resources import EntryPoint
from supervisor import datatypes
from supervisor.events import EventTypes
from supervisor.options import ServerOptions


def events(value):
    names = datatypes.list_of_strings(value)
    if not names or any(getattr(EventTypes, n.upper(), None) is None for n in names):
        raise ValueError(value)


def socket_backlog(value):
    if not 1 <= datatypes.integer(value) <= 65535:
        raise ValueError(value)


def fcgi_socket(value):
    ServerOptions().parse_fcgi_socket(value, None, None, None, None)


CONVERTERS = {
    'boolean': datatypes.boolean,
    'integer': datatypes.integer,
    'byte-size': datatypes.byte_size,
    'octal': datatypes.octal_type,
    'signal': datatypes.signal_number,
    'log-level': datatypes.logging_level,
    'autorestart': datatypes.auto_restart,
    'exit-codes': datatypes.list_of_exitcodes,
    'environment': lambda v: sorted(datatypes.dict_of_key_value_pairs(v).items()),
    'port': datatypes.inet_address,
    'event-names': events,
    'fcgi-socket': fcgi_socket,
    'socket-backlog': socket_backlog,
    'import-spec': lambda v: EntryPoint.parse('x=' + v),
    'process-name': datatypes.process_or_group_name,
}


def verdict(kind, value):
    try:
        result = CONVERTERS[kind](value)
    except Exception:  # every refusal, whatever the converter raises
        return False
    return [list(p) for p in result] if kind == 'environment' else True


print(json.dumps([verdict(kind, value) for kind, value in json.load(sys.stdin)]))
