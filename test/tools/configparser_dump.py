#!/usr/bin/python3
"""Reads configs the way supervisord's loader does (its UnhosedConfigParser) and prints what it kept.

Input on stdin: a JSON array of config texts. Output: a JSON array with, per text,
{"sections": [[name, [[key, value], ...]], ...], "defaults": [[key, value]...], "errors": [line, ...],
 "missing_header": line|null}. Line numbers are 1-based as the loader reports them.
"""
import configparser
import io
import json
import sys

from supervisor.options import UnhosedConfigParser


def dump(text):
    parser = UnhosedConfigParser()
    errors, missing = [], None
    try:
        # newline=None gives the universal-newline splitting a config file read from disk gets.
        parser.read_file(io.TextIOWrapper(io.BytesIO(text.encode('utf-8')), encoding='utf-8', newline=None))
    except configparser.MissingSectionHeaderError as e:
        missing = e.lineno
    except configparser.ParsingError as e:
        errors = [lineno for lineno, _ in e.errors]
    sections = [[name, [[k, v] for k, v in parser._sections[name].items()]] for name in parser._sections]
    # After an early MissingSectionHeaderError values are still lists; normalise like _join_multiline_values.
    def norm(v):
        return '\n'.join(v).rstrip() if isinstance(v, list) else v
    sections = [[n, [[k, norm(v)] for k, v in kv]] for n, kv in sections]
    defaults = [[k, norm(v)] for k, v in parser._defaults.items()]
    return {"sections": sections, "defaults": defaults, "errors": errors, "missing_header": missing}


if __name__ == '__main__':
    print(json.dumps([dump(t) for t in json.load(sys.stdin)]))
