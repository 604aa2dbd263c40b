#!/usr/bin/python3
"""Celery's own command-line parser as a judge: would `celery ARGS...` get past click's parsing and conversion?

    celery_cli.py   stdin: JSON [[arg, ...], ...] (the words after `celery`), stdout: JSON [verdict]

A verdict is {"accepted": bool, "message": str|null}. The words are parsed the way `celery` parses them (the click
group, then the subcommand with the group's context), converting every value, without running anything. Whatever
-A/--app names, a stand-in application is loaded: whether the module exists is the server's business.
"""
import contextlib
import io
import json
import sys

import click
from celery import Celery
from celery.bin import celery as celery_command
from celery.bin.base import CLIContext

group = celery_command.celery
celery_command.App.convert = lambda self, value, param, context: Celery('stand-in')


def judge(args):
    try:
        context = group.make_context('celery', list(args))
        # What the group's callback would have set before the subcommand converts its values.
        context.obj = CLIContext(app=Celery('stand-in'), no_color=True, workdir=None, quiet=True)
        rest = context.protected_args + context.args
        if rest:
            name, command, rest = group.resolve_command(context, rest)
            command.make_context(name, rest, parent=context)
    except click.exceptions.Exit as e:
        return {'accepted': e.exit_code == 0, 'message': None}
    except click.exceptions.ClickException as e:
        return {'accepted': False, 'message': e.format_message()}
    except Exception as e:  # Celery's own converters may fail otherwise (Autoscale): a refusal all the same
        return {'accepted': False, 'message': '%s: %s' % (type(e).__name__, e)}
    return {'accepted': True, 'message': None}


def main():
    verdicts = []
    for args in json.load(sys.stdin):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            verdicts.append(judge(args))
    json.dump(verdicts, sys.stdout)


if __name__ == '__main__':
    main()
