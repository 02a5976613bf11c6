// Differential test against real Jinja2 (Debian's python3-jinja2 under /usr/bin/python3): a generated
// corpus of templates, every filter, test and operator over values of every type, must render the same
// text or fail with the same error class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compileTemplate } from '../../src/template/index.ts';
import { isPyError } from '../../src/python/index.ts';

const PYTHON = '/usr/bin/python3';
const context = {
  s: 'Hello World',
  e: '',
  w: '  pad me  ',
  p: '/etc/app/conf.yaml',
  num: '42',
  i: 3,
  n: -2,
  f: 1.5,
  z: 0,
  t: true,
  fa: false,
  nn: null,
  l: [3, 1, 2],
  ls: ['b', 'A', 'c'],
  el: [],
  d: { a: 1, b: 'x' },
  ed: {},
  dl: [
    { k: 'b', v: 2 },
    { k: 'a', v: 1 },
  ],
  nested: { x: { y: [10, 20] } },
};
const values = Object.keys(context);

function corpus(): string[] {
  const out: string[] = [];
  for (const v of values) {
    out.push(
      `{{ ${v} }}`,
      `{{ ${v} ~ '|' }}`,
      `{{ ${v} is defined }}`,
      `{{ ${v} | string }}`,
      `{{ ${v} | to_complex }}`,
      `{{ not ${v} }}`,
      `{% if ${v} %}yes{% else %}no{% endif %}`,
      `{{ ${v} | default('dflt') }}`,
      `{{ ${v} | tojson }}`,
    );
    for (const t of [
      'none',
      'string',
      'number',
      'integer',
      'float',
      'mapping',
      'iterable',
      'sequence',
      'boolean',
      'true',
      'false',
      'odd',
      'even',
      'lower',
      'upper',
    ])
      out.push(`{{ ${v} is ${t} }}`, `{{ ${v} is not ${t} }}`);
    for (const f of [
      'length',
      'first',
      'last',
      'list',
      'sort',
      'unique | list',
      'reverse | list',
      'int',
      'float',
      'abs',
      'round',
      'lower',
      'upper',
      'title',
      'capitalize',
      'trim',
      'center',
      'escape',
      'wordcount',
      'sum',
      'min',
      'max',
      'to_json_string',
      'join',
      'count',
      'e',
      'd',
      'use_none',
    ]) {
      out.push(`{{ ${v} | ${f} }}`);
    }
    // String-only filters (Jinja mutates lists passed to indent/truncate, so those stay out).
    if (typeof context[v as keyof typeof context] === 'string')
      for (const f of ['urlencode', 'shell_quote', 'indent', 'truncate', 'center', 'wordcount'])
        out.push(`{{ ${v} | ${f} }}`);
  }
  const ops = ['+', '-', '*', '/', '//', '%', '**', '~', '==', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'and', 'or'];
  const operands = ['i', 'f', 'z', 't', 's', 'e', 'l', 'd', 'nn', '2', '2.5', "'ab'", '[1]'];
  for (const op of ops)
    for (const a of operands) for (const b of ['i', 'f', 's', 'l', 'z', 'nn', "'o'"]) out.push(`{{ ${a} ${op} ${b} }}`);
  out.push(
    '{{ missing }}',
    '{{ d.missing }}',
    '{{ d.a.b }}',
    '{{ l[5] }}',
    '{{ l[-1] }}',
    '{{ s[1:4] }}',
    '{{ s[::-1] }}',
    '{{ l[1:] }}',
    "{{ d['b'] }}",
    '{{ nested.x.y[1] }}',
    '{{ missing | default(1) }}',
    '{{ missing is defined }}',
    '{{ missing is undefined }}',
    '{{ d.missing | default("z") }}',
    "{{ e | default('x', true) }}",
    '{% for x in l %}{{ loop.index }}:{{ x }}{% if not loop.last %},{% endif %}{% endfor %}',
    '{% for x in el %}a{% else %}empty{% endfor %}',
    '{% for k in d %}{{ k }}{% endfor %}',
    '{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}',
    '{% for k, v in d | dictsort %}{{ k }}={{ v }};{% endfor %}',
    '{% for x in l if x > 1 %}{{ x }}{% endfor %}',
    '{% set y = i * 2 %}{{ y }}',
    '{% set a, b = [1, 2] %}{{ a + b }}',
    "{{ dl | map(attribute='k') | join(',') }}",
    "{{ dl | selectattr('v', 'gt', 1) | map(attribute='k') | list }}",
    "{{ dl | rejectattr('v', 'equalto', 1) | map(attribute='k') | first }}",
    "{{ l | select('odd') | list }}",
    "{{ l | reject('odd') | list }}",
    "{{ l | map('string') | join('-') }}",
    "{{ dl | sort(attribute='k') | map(attribute='v') | list }}",
    '{{ ls | sort }}',
    '{{ ls | sort(case_sensitive=true) }}',
    '{{ ls | sort(reverse=true) | join }}',
    '{{ ls | max }}',
    '{{ ls | min }}',
    "{{ dl | sum(attribute='v') }}",
    '{{ [1, 2, 3, 4, 5] | batch(2) | list }}',
    '{{ [1, 2, 3, 4, 5] | slice(2) | list }}',
    "{{ s | replace('o', '0') }}",
    "{{ s | replace('o', '0', 1) }}",
    "{{ s.split(' ') }}",
    '{{ s.split() }}',
    '{{ s.upper() }}',
    '{{ s.lower() }}',
    '{{ w.strip() }}',
    '{{ w.lstrip() }}',
    '{{ w.rstrip() }}',
    "{{ s.startswith('He') }}",
    "{{ s.endswith('x') }}",
    "{{ s.replace('l', 'L') }}",
    "{{ ','.join(ls) }}",
    "{{ d.get('a') }}",
    "{{ d.get('q', 'none') }}",
    '{{ d.keys() | list }}',
    '{{ d.values() | list }}',
    "{{ s.find('o') }}",
    "{{ s.count('l') }}",
    "{{ '%s-%d' % (s, i) }}",
    "{{ '%05.1f|%x' % (f, 255) }}",
    "{{ '%(a)s!' % d }}",
    "{{ '{}+{}'.format(i, s) }}",
    '{{ num.isdigit() }}',
    '{{ s.title() }}',
    '{{ num.zfill(5) }}',
    '{{ range(3) | list }}',
    '{{ range(1, 10, 3) | list }}',
    '{{ dict(a=1, b=2) }}',
    '{{ 1 if t else 2 }}',
    '{{ 1 if fa else 2 }}',
    '{{ 1 if fa }}',
    '{{ -i }}',
    '{{ -f | abs }}',
    '{{ 2 ** 3 ** 2 }}',
    '{{ 7 % -3 }}',
    '{{ -7 // 2 }}',
    '{{ 1 / 3 }}',
    '{{ 0.1 + 0.2 }}',
    '{{ 1e20 }}',
    '{{ 1.0 }}',
    '{{ 10 / 4 }}',
    '{{ 3 * 1.0 }}',
    '{{ "ab" * 3 }}',
    '{{ [1] * 3 }}',
    '{{ 1 < 2 < 3 }}',
    '{{ 3 > 2 > 2 }}',
    "{{ 'a' < 'b' }}",
    '{{ [1, 2] < [1, 3] }}',
    '{{ i is divisibleby 3 }}',
    '{{ i is divisibleby(2) }}',
    '{{ i is in l }}',
    '{{ s is sameas s }}',
    '{{ p | basename }}',
    '{{ p | dirname }}',
    "{{ s | regex_match('H.*') }}",
    "{{ s | regex_search('W') }}",
    "{{ s | regex_replace('(o)', '[\\\\1]') }}",
    "{{ s | regex_substring('(l+)') }}",
    '{{ 3725 | to_human_time_from_seconds }}',
    '{{ 2.5 | to_human_time_from_seconds }}',
    '{{ 0.5 | to_human_time_from_seconds }}',
    '{{ 40000000 | to_human_time_from_seconds }}',
    '{{ 3000000 | to_human_time_from_seconds }}',
    '{{ s | to_human_time_from_seconds }}',
    '{{ t | to_human_time_from_seconds }}',
    "{{ i | regex_match('3') }}",
    "{{ l | regex_replace('1', 'x') }}",
    '{{ d | json_escape }}',
    '{{ i | json_escape }}',
    "{{ 'q\"' | json_escape }}",
    '{{ i | from_json_string }}',
    '{{ i | from_yaml_string }}',
    '{{ 86400 | to_human_time_from_seconds }}',
    '{{ \'{"a": [1, 2]}\' | from_json_string }}',
    '{{ s | json_escape }}',
    "{{ 'a\"b' | json_escape }}",
    '{{ d | to_json_string }}',
    '{{ s | truncate(5) }}',
    "{{ 'a b c d e f g h i j k l m n' | truncate(9, true) }}",
    '{{ s | center(20) }}',
    "{{ 'a\nb' | indent(2) }}",
    "{{ 'a\nb' | indent(2, true) }}",
    '{{ \'<a href="x">\' | e }}',
    "{{ {'b': 1, 'a': [1, 2]} | tojson }}",
    "{{ 'x y' | urlencode }}",
    '{{ d | urlencode }}',
    '{{ s | wordcount }}',
    "{{ 'abc' | list }}",
    '{{ d | list }}',
    '{{ d | length }}',
    "{{ '3.7' | int }}",
    "{{ 'x' | int(5) }}",
    "{{ '0x1A' | int(0, 16) }}",
    "{{ '2.5' | float }}",
    "{{ 'q' | float }}",
    '{{ 2.5 | round }}',
    '{{ 3.14159 | round(2) }}',
    "{{ 2.7 | round(method='floor') }}",
    '{{ el | first }}',
    '{{ el | max }}',
    '{{ l | sum }}',
    '{{ l | sum(start=10) }}',
    '{{ d | dictsort | length }}',
    "{{ {'x': 1}.x }}",
    '{{ (1, 2)[0] }}',
    '  {% if t %}\n  indented\n  {% endif %}\n',
    'a\n{% if t %}\nb\n{% endif %}\nc',
    '{%- if t -%}  x  {%- endif -%}',
    'x {{- s -}} y',
    '{# comment #}text',
    '{% raw %}{{ not rendered }}{% endraw %}',
    'line\n',
    'two\n\n',
    'a\r\nb\rc\u2028d\x0ce\r\n',
    '{% if t %}\r\nx\r\n{% endif %}\r\n',
    '{{ d | dictsort }}',
    '{{ d.items() | list }}',
    '{{ d | items | list }}',
    '{{ (1, 2) }}',
    '{{ (1,) }}',
    '{{ [1, 2,] }}',
    "{{ ('a', 'b',) | join }}",
    "{{ ('y: y\nn: no\nt: on' | from_yaml_string) }}",
    '{{ () }}',
    "{{ '%s' % l }}",
    "{{ '%s|%s' % (l, d) }}",
    "{{ '%d' % i }}",
    "{{ '%s' % (i,) }}",
    '{{ d | to_yaml_string }}',
    '{{ nested | to_yaml_string }}',
    '{{ dl | to_yaml_string }}',
    "{{ ('a: 1\nb: [x, y]' | from_yaml_string).b }}",
    "{{ 'é ü ß' | upper }}",
    "{{ 'ÄÖ' | lower }}",
    "{{ 'é' | to_complex }}",
    "{{ 'é' ~ 1 }}",
    '{% for a in [1, 2] %}{% for b in [3, 4] %}{{ loop.index }}{{ a }}{{ b }} {% endfor %}{{ loop.last }}{% endfor %}',
    '{% set x = 1 %}{% for i in [1, 2] %}{% set x = i %}{% endfor %}{{ x }}',
    '{% for i in l %}{{ loop.revindex }}{{ loop.first }}{{ loop.length }}{% endfor %}',
    '{% if i > 2 %}a{% elif i > 1 %}b{% else %}c{% endif %}',
    '{% if fa %}a{% elif nn %}b{% endif %}',
    '  {%+ if t %}x{% endif %}',
    '{% if t +%}\nkeep{% endif %}',
    'a  {#- c #}  b',
    'a  {# c -#}  b',
    '{% raw -%}  x  {%- endraw %}',
    '   {% raw %}r{% endraw %}\nz',
    "{{ s | replace(old='o', new='0') }}",
    "{{ l | join(d='-') }}",
    "{{ s | truncate(length=7, end='!') }}",
    '{{ ls | sort(attribute=none) }}',
    '{{ s | lower(x=1) }}',
    "{{ l | join(',', 'x', 'y') }}",
    "{{ dl | map(attribute='missing', default='z') | list }}",
    "{{ s.split('o', 1) }}",
    '{{ s.zzz() }}',
    '{{ l.index(2) }}',
    '{{ l.count(3) }}',
    "{{ s.strip('Hd') }}",
    '{{ i + t }}',
    '{{ t + t }}',
    '{{ f * 2 }}',
    '{{ -0.0 }}',
    '{{ 1e-7 }}',
    '{{ 0.1 * 3 }}',
    '{{ 2 ** -1 }}',
    '{{ 10 // 3.0 }}',
    '{{ -7 % 3 }}',
    '{{ 7.5 % 2 }}',
    '{{ 1 / 0 }}',
    '{{ 1 // 0 }}',
    '{{ 1 % 0 }}',
    '{{ [1, [2, 3]] == [1, [2, 3]] }}',
    '{{ {"a": 1} == {"a": 1.0} }}',
    '{{ 1 == true }}',
    '{{ "1" == 1 }}',
    '{{ nn == none }}',
    '{{ nn is none }}',
    '{{ [] is iterable }}',
    '{{ 1 is iterable }}',
    "{{ 'x' in d }}",
    "{{ 'a' in d }}",
    '{{ 1 in d }}',
    '{{ l | length > 2 and s }}',
    '{{ e or "fallback" }}',
    '{{ 0 or nn }}',
    '{{ not (i > 1 and f < 1) }}',
    "{{ {'z': 1, 'a': 2} }}",
    "{{ {'k': [1, {'x': none}]} | to_complex }}",
    '{{ d | tojson(2) }}',
    '{{ s | to_json_string(sort_keys=true) }}',
    '{{ d | to_json_string(indent=2) }}',
    "{{ 'esc\\n\\t\\'q' }}",
    '{{ "dq\'" }}',
    '{{ "a" "b" }}',
    '{{ s[0] }}{{ s[-1] }}',
    '{{ l.0 }}',
    '{{ nested["x"].y.0 }}',
  );
  return out;
}

test('our renderer agrees with Jinja2 on a generated corpus', () => {
  const templates = corpus();
  assert.ok(templates.length >= 500, `corpus has only ${templates.length} templates`);
  if (process.env.DIFF_REPORT) console.error(`corpus: ${templates.length} templates`);
  const py = spawnSync(PYTHON, [fileURLToPath(new URL('./jinja-harness.py', import.meta.url))], {
    input: JSON.stringify({ context, templates }),
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
  assert.ok(
    !py.error && py.status === 0,
    `Jinja2 harness failed (install Debian's python3-jinja2 for ${PYTHON}): ${py.error?.message ?? py.stderr}`,
  );
  const expected = JSON.parse(py.stdout) as Array<{ out?: string; error?: string }>;
  const mismatches: string[] = [];
  templates.forEach((src, i) => {
    const want = expected[i];
    const compiled = compileTemplate(src);
    let got: { out?: string; error?: string };
    let viaInterpreter: { out?: string; error?: string };
    const run = (f: () => string): { out?: string; error?: string } => {
      try {
        return { out: f() };
      } catch (err) {
        if (!isPyError(err)) throw err;
        return { error: err.pyClass };
      }
    };
    if (!compiled.value) {
      got = { error: 'TemplateAssertionError' };
      viaInterpreter = got;
    } else {
      const t = compiled.value;
      got = run(() => t.render(context));
      viaInterpreter = run(() => t.interpret(context));
    }
    if (JSON.stringify(got) !== JSON.stringify(viaInterpreter))
      mismatches.push(
        `${JSON.stringify(src)}: generated ${JSON.stringify(got)} vs interpreter ${JSON.stringify(viaInterpreter)}`,
      );
    if (JSON.stringify(got) !== JSON.stringify(want))
      mismatches.push(`${JSON.stringify(src)}: ours ${JSON.stringify(got)} vs jinja ${JSON.stringify(want)}`);
  });
  if (process.env.DIFF_REPORT) console.error(mismatches.join('\n'));
  assert.deepEqual(mismatches, []);
});
