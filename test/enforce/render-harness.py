# StackStorm's rendering of a list or dict action parameter (st2common/util/param.py _render), with Debian's
# python3-jinja2: JSON-encode, make every "{{name}}" item {{name | to_complex}}, render the whole text with
# StrictUndefined, JSON-decode. Reads {"context": {...}, "values": [...]} on stdin, writes {"value": ...} or
# {"error": <exception class>} per value.
import json
import re
import sys

import jinja2

env = jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
env.filters["to_complex"] = json.dumps
doc = json.load(sys.stdin)
out = []
for value in doc["values"]:
    try:
        text = re.sub(r'"{{([A-z0-9_-]+)}}"', r"{{\1 | to_complex}}", json.dumps(value))
        out.append({"value": json.loads(env.from_string(text).render(doc["context"]))})
    except Exception as e:  # noqa: BLE001 - every failure is the answer
        out.append({"error": type(e).__name__})
json.dump(out, sys.stdout)
