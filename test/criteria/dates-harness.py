# StackStorm's date parsing for timediff_* (st2common/util/date.py parse): ciso8601.parse_datetime on the value,
# else dateutil.parser.parse(str(value)); naive results are UTC. Reads {"default": [y, m, d], "values": [...]} on
# stdin, writes one {"ms": <epoch ms>} or {"error": <exception class>} per value.
import calendar
import datetime
import json
import sys

import ciso8601
import dateutil.parser

doc = json.load(sys.stdin)
default = datetime.datetime(*doc["default"])
out = []
for value in doc["values"]:
    try:
        try:
            parsed = ciso8601.parse_datetime(value)
        except Exception:
            parsed = dateutil.parser.parse(str(value) if not isinstance(value, bool) else str(value), default=default)
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        ms = calendar.timegm(parsed.timetuple()) * 1000 + parsed.microsecond // 1000
        out.append({"ms": ms})
    except Exception as e:  # noqa: BLE001 - every failure is the answer
        out.append({"error": type(e).__name__})
json.dump(out, sys.stdout)
