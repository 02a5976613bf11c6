# Renders templates with real Jinja2 as StackStorm configures it; reads {"context", "templates"} on stdin,
# writes one result per template: {"out": text} or {"error": "<exception class>"}.
import datetime, json, os, posixpath, re, shlex, sys
import yaml
from jinja2.sandbox import SandboxedEnvironment
from jinja2 import StrictUndefined

def regex_match(value, pattern, ignorecase=False):
    value = str(value)
    return re.match(pattern, value, re.I if ignorecase else 0) is not None
def regex_search(value, pattern, ignorecase=False):
    value = str(value)
    return re.search(pattern, value, re.I if ignorecase else 0) is not None
def regex_replace(value, pattern, replacement, ignorecase=False):
    value = str(value)
    return re.sub(pattern, replacement, value, flags=re.I if ignorecase else 0)
def regex_substring(value, pattern, result_index=0, ignorecase=False):
    value = str(value)
    return re.findall(pattern, value, re.I if ignorecase else 0)[result_index]
def to_json_string(value, indent=None, sort_keys=False, separators=(',', ': ')):
    return json.dumps(value, indent=indent, sort_keys=sort_keys, separators=separators)
def human(seconds):
    # st2common/expressions/functions/time.py
    assert isinstance(seconds, int) or isinstance(seconds, float)
    if seconds == 0: return '0s'
    if seconds < 1: return '%s\u03BCs' % seconds
    if isinstance(seconds, float): seconds = int(round(seconds))
    offset_date = datetime.datetime(1, 1, 1) + datetime.timedelta(seconds=seconds)
    parts = [offset_date.year - 1, offset_date.day - 1, offset_date.hour, offset_date.minute, offset_date.second]
    first = next((i for i, x in enumerate(parts) if x), None)
    if first is None: return '0s'
    parts = parts[first:]
    return ['%ss', '%sm%ss', '%sh%sm%ss', '%sd%sh%sm%ss', '%sy%sd%sh%sm%ss'][len(parts) - 1] % tuple(parts)


env = SandboxedEnvironment(undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
env.filters.update({
    'to_complex': json.dumps, 'to_json_string': to_json_string, 'from_json_string': lambda v: json.loads(str(v)),
    'json_escape': lambda v: json.dumps(v).strip('"'), 'regex_match': regex_match, 'regex_search': regex_search,
    'regex_replace': regex_replace, 'regex_substring': regex_substring, 'to_human_time_from_seconds': human,
    'basename': posixpath.basename, 'dirname': posixpath.dirname, 'shell_quote': shlex.quote,
    'to_yaml_string': lambda v, indent=None: yaml.safe_dump(v, indent=indent, allow_unicode=True, default_flow_style=False),
    'from_yaml_string': lambda v: yaml.safe_load(str(v)),
    'use_none': lambda v: '%*****__%NONE%__*****%' if v is None else v,
})
data = json.load(sys.stdin)
results = []
for src in data['templates']:
    try:
        results.append({'out': env.from_string(src).render(data['context'])})
    except Exception as e:
        results.append({'error': type(e).__name__})
json.dump(results, sys.stdout)
