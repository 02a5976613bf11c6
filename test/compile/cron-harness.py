# APScheduler's CronTrigger as StackStorm builds it for a CronTimer rule (st2common/validators/api/reactor.py
# validate_trigger_parameters: CronTrigger(**parameters)), with Debian's python3-apscheduler. Reads a list of
# {"field": ..., "value": ...} on stdin, writes {"ok": true} or {"error": "<message>"} for each.
import json
import sys

from apscheduler.triggers.cron import CronTrigger

out = []
for case in json.load(sys.stdin):
    try:
        CronTrigger(**{case["field"]: case["value"]})
        out.append({"ok": True})
    except Exception as e:  # noqa: BLE001 - every refusal is the answer
        out.append({"error": str(e) if isinstance(e, ValueError) else type(e).__name__})
json.dump(out, sys.stdout)
