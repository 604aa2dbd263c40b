#!/usr/bin/python3
"""Both judges of an edit in one process: supervisord's loader verdict (test/conformance/loader.py) and what its
parser reads (test/tools/configparser_dump.py).

Input on stdin: JSON [{"text": str, "as_include": bool}]. Output: JSON [{"verdict": verdict, "read": dump}], one
per text, in order.
"""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.join(here, '..', 'conformance'))

import loader  # noqa: E402
from configparser_dump import dump  # noqa: E402

items = json.load(sys.stdin)
verdicts = loader.judge_batch(items)
print(json.dumps([{'verdict': verdict, 'read': dump(item['text'])} for item, verdict in zip(items, verdicts)]))
