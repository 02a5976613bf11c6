# Loads YAML texts exactly as StackStorm loads pack files and prints what each one yields, for the
# differential test of src/pack/pyyaml. StackStorm: st2common/constants/meta.py yaml_safe_load
# (yaml.load with CSafeLoader when PyYAML has libyaml) on a file from content/loader.py MetaLoader._load
# (open(path, 'r', encoding='utf-8'): text mode, universal newlines).
# stdin: {"docs": [text, ...]}; stdout: one result per text, {"ok": value} or {"error": class, "message": str},
# plus "pure": false where PyYAML's pure-Python SafeLoader disagrees with CSafeLoader (for the report).
# Values use a tagged encoding for what JSON lacks: {"int": "digits"}, {"float": repr}, {"bytes": base64},
# {"date": iso}, {"datetime": iso in UTC, "naive": bool}, {"tuple": [...]}, {"set": [...]} (sorted),
# {"dict": [[key, value], ...]} (in order), {"cycle": true} for a collection inside itself.
# Exit 3: PyYAML missing; exit 4: PyYAML without libyaml (then StackStorm's loader is not what we'd test).
import base64, datetime, io, json, sys

try:
    import yaml
except ImportError:
    sys.stderr.write('python3-yaml is not installed\n')
    sys.exit(3)
if not getattr(yaml, '__with_libyaml__', False):
    sys.stderr.write('PyYAML has no libyaml (CSafeLoader): install Debian python3-yaml\n')
    sys.exit(4)


def enc(v, stack):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {'int': str(v)}
    if isinstance(v, float):
        return {'float': repr(v)}
    if isinstance(v, bytes):
        return {'bytes': base64.b64encode(v).decode('ascii')}
    if isinstance(v, datetime.datetime):
        naive = v.tzinfo is None
        u = v if naive else v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return {'datetime': u.isoformat(timespec='microseconds'), 'naive': naive}
    if isinstance(v, datetime.date):
        return {'date': v.isoformat()}
    if id(v) in stack:
        return {'cycle': True}
    stack = stack | {id(v)}
    if isinstance(v, tuple):
        return {'tuple': [enc(x, stack) for x in v]}
    if isinstance(v, list):
        return [enc(x, stack) for x in v]
    if isinstance(v, set):
        return {'set': sorted((enc(x, stack) for x in v), key=lambda e: json.dumps(e, sort_keys=True))}
    if isinstance(v, dict):
        return {'dict': [[enc(k, stack), enc(x, stack)] for k, x in v.items()]}
    return {'unknown': type(v).__name__}


def load(text, loader):
    try:
        return {'ok': enc(yaml.load(io.StringIO(text, newline=None), Loader=loader), frozenset())}
    except Exception as e:  # any exception makes StackStorm skip the file
        return {'error': type(e).__name__, 'message': str(e).split('\n')[0]}


def main():
    docs = json.load(sys.stdin)['docs']
    out = []
    for text in docs:
        result = load(text, yaml.CSafeLoader)
        pure = load(text, yaml.SafeLoader)
        if ('ok' in result) != ('ok' in pure) or result.get('ok') != pure.get('ok'):
            result['pure'] = False
        out.append(result)
    json.dump(out, sys.stdout, allow_nan=False)


main()
