// The generated corpus of the PyYAML differential test: hand-picked families (scalars in every context and
// under every tag, quoted and block scalars, indentation, comments, document markers, anchors, merges, tags,
// tabs, Unicode, null forms, flow collections) plus seeded random documents and their mutations. Fully
// deterministic: the same list on every run.

/** Mulberry32: a small seeded PRNG, so the random part of the corpus never changes between runs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Plain scalars whose YAML 1.1 meaning is easy to get wrong. */
export const SCALARS = [
  'yes',
  'Yes',
  'YES',
  'yEs',
  'no',
  'No',
  'NO',
  'on',
  'On',
  'ON',
  'oN',
  'off',
  'Off',
  'OFF',
  'y',
  'Y',
  'n',
  'N',
  'true',
  'True',
  'TRUE',
  'tRue',
  'false',
  'False',
  'FALSE',
  '~',
  'null',
  'Null',
  'NULL',
  'nUll',
  'none',
  'None',
  '0',
  '-0',
  '+0',
  '00',
  '007',
  '08',
  '0o17',
  '0x1F',
  '0x1f',
  '0X1F',
  '0x',
  '0b101',
  '0b2',
  '0b',
  '1_000',
  '1__0',
  '_1',
  '1_',
  '190:20:30',
  '1:30',
  '-1:30',
  '1:60',
  '1:5:7',
  '1:5:',
  '0:30',
  '12e3',
  '1e+3',
  '1.0e+3',
  '1.0e3',
  '1.0E+3',
  '1.5',
  '.5',
  '-.5',
  '5.',
  '+1.5',
  '1_0.5',
  '1._5',
  '1.0e+400',
  '-1.0e+400',
  '.inf',
  '-.inf',
  '+.inf',
  '.Inf',
  '.INF',
  '.iNf',
  '.NaN',
  '.nan',
  '.NAN',
  '-.nan',
  'inf',
  'nan',
  '190:20:30.15',
  '1:2.5',
  '0.1',
  '-0.0',
  '3.14159265358979323846',
  '123456789012345678901',
  '9007199254740993',
  '-9007199254740993',
  '0x7fffffffffffffff',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5',
  '2001-12-15T02:59:43.1Z',
  '2001-12-15 2:59:43.10',
  '2002-1-1',
  '2002-01-1',
  '2002-1-01 1:02:03',
  '2020-13-45',
  '2020-02-30',
  '2020-02-29',
  '2019-02-29',
  '0000-01-01',
  '2001-12-14T24:00:00Z',
  '2001-12-14T21:59:60',
  '2001-12-14T21:59:43+25',
  '2001-12-14T21:59:43+23:59',
  '2001-12-14T21:59:43.1234567Z',
  '2001-12-14 21:59:43 Z',
  '2001-12-14T21:59:43.',
  '2001-12-14t21:59:43',
  '1999-12-31T23:59:59-00:30',
  '=',
  '<<',
  '<<<',
  '-a',
  '--a',
  ':a',
  'a:b',
  '?a',
  'a#b',
  'a b',
  'a  b',
  'é',
  'ÿes',
  '١٢',
  '٣',
  '😀',
  'a😀b',
  'http://x:80/p?q=1#f',
  '!a',
  '@a',
  '`a',
  '%a',
  'a,b',
  'a[b]',
  'a{b}',
  'a"b',
  "a'b",
  'a\\nb',
  '-',
  '.',
  '..',
  '...x',
  '---x',
  '0.',
  '+',
  '+.',
  '1e5',
  '1E5',
  '0e0',
  '0.0e-0',
];

function quoteDouble(s: string): string {
  return `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function scalarFamilies(out: string[]): void {
  for (const s of SCALARS) {
    out.push(
      `k: ${s}\n`,
      `- ${s}\n`,
      `[${s}]\n`,
      `{k: ${s}}\n`,
      `${s}\n`,
      `${s}: v\n`,
      `k: ! ${s}\n`,
      `k: '${s.replaceAll("'", "''")}'\n`,
    );
    out.push(`k: ${quoteDouble(s)}\n`, `k: ! ${quoteDouble(s)}\n`, `? ${s}\n: v\n`);
    for (const tag of ['!!str', '!!int', '!!float', '!!bool', '!!null', '!!timestamp', '!!binary']) {
      out.push(`k: ${tag} ${s}\n`, `k: ${tag} ${quoteDouble(s)}\n`);
    }
  }
}

const DOUBLE = [
  '"\\x41\\u263A\\U0001F600"',
  '"\\N\\_\\L\\P\\e\\0\\a\\b\\v\\f\\r\\t\\/\\ \\"\\\\"',
  '"a\tb"',
  '"\\q"',
  '"\\x4"',
  '"\\uD800"',
  '"\\U00110000"',
  '"\\x41\\x"',
  '"a\n  b"',
  '"a\n\n  b"',
  '"a \n b"',
  '"a\\\n  b"',
  '"a\\\n\n  b"',
  '"a\nb"',
  '"first line\nsecond line"',
  '"a\n---\nb"',
  '"a\n--- b"',
  '"a\n...\nb"',
  '"a\n---b"',
  '"a\n # no comment"',
  '"a\n\tb"',
  '"a\t\n\tb"',
  '"a\\\tb"',
  '"unterminated',
  '"a\\\n"',
  '"\\\n"',
  '""',
  '"a\n\n\n"',
  '"\\\nb\\\n c"',
  '"a\u2028b"',
  '"a\u0085b"',
  '"a\n  \n  b"',
  '"x\\u00e9\\u00E9"',
  '"\\U0001f600"',
  '"\\ud83d\\ude00"',
];
const SINGLE = [
  "'it''s'",
  "'a\n  b'",
  "'a\n\n  b'",
  "'a\nb'",
  "''",
  "''''",
  "'a''",
  "'a\n---\nb'",
  "'a\\nb'",
  "'a \n\t b'",
  "'  a  '",
  "'a\n'",
  "'a\u2029b'",
];

function quotedFamilies(out: string[]): void {
  for (const q of [...DOUBLE, ...SINGLE]) {
    out.push(
      `k: ${q}\n`,
      `- ${q}\n`,
      `${q}\n`,
      `k:\n  k2: ${q}\n`,
      `[${q}]\n`,
      `{k: ${q}}\n`,
      `${q}: v\n`,
      `- k: ${q}\n  j: 1\n`,
    );
    out.push(`description: ${q}\nnext: 1\n`, `a:\n  b: ${q}\n  c: 2\n`);
  }
}

const HEADERS = [
  '|',
  '>',
  '|-',
  '|+',
  '>-',
  '>+',
  '|2',
  '|2-',
  '|-2',
  '>1',
  '|0',
  '|10',
  '| # c',
  '>+1',
  '|1+',
  '|#c',
  '|x',
  '>\t',
];
const BODIES = [
  '  a\n  b\n',
  '  a\n\n  b\n',
  '\n\n  a\n',
  '  a\n    b\n  c\n',
  '  a\n  b\n\n\n',
  '  a\n  b',
  '  a\n   b\n  c\n',
  '  a\n\tb\n',
  '  \ta\n',
  '\ta\n',
  '   a\n  b\n',
  '  a\n # c\n',
  '  a\n# c\n',
  '',
  '  a  \n  b\n',
  '  a\n  \n  b\n',
  '    a\n  b\n',
  '  a\n b\n',
  '  a\n  - b\n',
  '  a\n  b: c\n',
  '  a\u2028  b\n',
  '  ---\n',
  '---\n',
  '  a\n...\n',
];

function blockFamilies(out: string[]): void {
  for (const h of HEADERS) {
    for (const b of BODIES) {
      out.push(`k: ${h}\n${b}`, `- ${h}\n${b}`, `${h}\n${b}`, `a:\n  k: ${h}\n${b.replace(/^(?=.)/gm, '  ')}`);
    }
    out.push(`k: ${h}\nnext: 1\n`, `k: ${h}\n  a\nnext: 1\n`, `--- ${h}\n a\n`, `- - ${h}\n    a\n`);
  }
}

const PLAIN_MULTI = [
  'k: a\n  b\n',
  'k: a\n\n  b\n',
  'k: a\nb\n',
  'k: a\n b\n',
  '- a\n  b\n',
  '- a\n b\n',
  '- a\nb\n',
  'k: a # c\n  b\n',
  'k: a\n  # c\n  b\n',
  'k: a\n  b: c\n',
  'k:\n  a\n  b\n',
  'k:\n  a\n b\n',
  'k:\n  a\n\n\n  b\n',
  '[a\nb]\n',
  '{a: b\nc}\n',
  'k: [a,\nb]\n',
  'k: {a: 1,\nb: 2}\n',
  'a\nb\n',
  'a\nb: c\n',
  'a: b\n  c\n  d: e\n',
  'k: a\t\n  b\n',
  'k: a\n\t b\n',
  'k: a\n \tb\n',
  'k: - a\n',
  'k: a - b\n',
  '- a\n  - b\n',
  '- a\n   - b\n',
  'k: a\n  ---\n',
  'k: a\n---\n',
  'k: a\n...\n',
  'key with spaces: v\n',
  'k: v: w\n',
  'description: Note: this\n',
  'k: a :b\n',
  'k: a:\n',
  'k: :\n',
  'k: ::\n',
  'k: a\u00a0b\n',
  'k: a\u0085b\n',
  'k: a\u2028  b\n',
  'k:\u00a0a\n',
];

const INDENT = [
  'a:\n  b: 1\n  c: 2\n',
  'a:\n  b: 1\n   c: 2\n',
  'a:\n    b: 1\n  c: 2\n',
  'a:\n  b: 1\n c: 2\n',
  'action:\n  ref: core.local\n    parameters:\n    cmd: echo\n',
  'a:\n  - x\n   - y\n',
  'a:\n  - x\n - y\n',
  'a:\n- x\n- y\nb: 1\n',
  'a:\n- x\n - y\n',
  '- - a\n  - b\n- c\n',
  '- a: 1\n  b: 2\n',
  '- a: 1\n   b: 2\n',
  '- a: 1\n b: 2\n',
  'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n',
  'a:\n  b:\n      c: 1\n      d: 2\n',
  'criteria:\n  trigger.body.x:\n    type: equals\n    pattern: 1\n   trigger.body.y:\n     type: equals\n',
  'items:\n  - a\n- b\n',
  '  a: 1\n  b: 2\n',
  '  a: 1\nb: 2\n',
  'a: 1\n  b: 2\n',
  '- a\n-b\n',
  '-a\n',
  '- \n- a\n',
  'a:\n\n\n  b: 1\n',
  'a:\n  # c\n  b: 1\n',
  'a: 1\nb\nc: 2\n',
  'a:\n  b: 1\n  c\n',
  '? a\n: b\n? c\n',
  '? - a\n  - b\n: c\n',
  '? a\n? b\n: c\n',
  ': a\n',
  'a:\n  ? b\n  : c\n',
  '- ? a\n  : b\n',
  'a: b\n- c\n',
  '- a\nb: c\n',
  '[a]\n- b\n',
  'a: 1\n---\n',
  'a:\n b:\n  c:\n   d: 1\n',
  '\n\na: 1\n',
  'a:\n  b: 1\n\n\n  c: 2\n',
];

const COMMENTS = [
  '# only\n',
  'a: b # c\n',
  'a: b#c\n',
  'a: "b"#c\n',
  "a: 'b'#c\n",
  '[a, # c\n b]\n',
  'a: [b,#c\n c]\n',
  '# c\na: 1 # c\n# c\n',
  'a: |\n  b\n# c\n',
  'a: |\n  b\n  # c\n',
  'a: # c\n  b\n',
  'a:\n  # c\n  - b\n',
  '- a # c\n- b\n',
  '{a: 1} # c\n',
  '{a: 1}# c\n',
  '--- # c\na\n',
  '... # c\n',
  'a: 1\n#c\nb: 2\n',
  '#c\n#c\n',
  'a: b # c: d\n',
  'a: b #c\n  d\n',
  'a: &x # c\n  1\nb: *x\n',
];

const DOCS = [
  '---\na\n',
  '--- a\n',
  'a\n---\n',
  'a\n...\n',
  '...\n',
  '---\n...\n---\n',
  '---\n...\n',
  '%YAML 1.1\n---\na\n',
  '%YAML 1.2\n---\na\n',
  '%YAML 1.0\n---\na\n',
  '%YAML 2.0\n---\na\n',
  '%YAML 1.1\n%YAML 1.1\n---\na\n',
  '%YAML 1.1\na\n',
  '%TAG ! tag:example.com,2000:\n--- !foo a\n',
  '%TAG !e! tag:e,2000:\n--- !e!x a\n',
  '%TAG !! tag:x:\n--- !!str a\n',
  '%FOO bar\n---\na\n',
  'a\n--- b\n',
  '--- >\n a\n',
  '---\n---\n',
  '--- |\n a\n...\n',
  'a\n... b\n',
  '---a\n',
  '--- \n',
  '---\n',
  '',
  ' ',
  '\n',
  '...\n...\n',
  'a\n...\n---\nb\n',
  '%YAML 1.1 # c\n--- a\n',
  '%YAML  1.1\n--- a\n',
  '%YAML 1.1x\n--- a\n',
  '%TAG !e! tag:e,2000:\n%TAG !e! tag:f,2000:\n--- a\n',
  '%TAG !e tag:e\n--- a\n',
  '--- !e!x a\n',
  'a\n%YAML 1.1\n---\nb\n',
  '--- a\n...\n--- b\n',
  '- a\n---\n- b\n',
];

const ANCHORS = [
  'a: &x 1\nb: *x\n',
  'a: *x\n',
  'a: &x 1\nb: &x 2\n',
  '&a [*a]\n',
  '&a {k: *a}\n',
  'a: &x\nb: *x\n',
  'base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n',
  'a: &a {x: 1}\nb: &b {x: 2, z: 3}\nc:\n  <<: [*a, *b]\n',
  'c:\n  <<: {x: 1}\n  x: 2\n',
  'c:\n  <<: 1\n',
  'c:\n  <<: [1]\n',
  'c:\n  <<:\n',
  'a: &a {x: 1, <<: {y: 2}}\nb: {<<: *a}\n',
  'a: &a [1]\nb: {<<: *a}\n',
  '- &a x\n- *a\n- *a\n',
  '&x a: 1\n',
  '*x : 1\n',
  'a: &x 1\n*x : 2\n',
  '? &k a\n: *k\n',
  'a: &x !!str 1\nb: *x\n',
  'a: !!str &x 1\nb: *x\n',
  'a: &x &y 1\n',
  'a: &x-y_z 1\nb: *x-y_z\n',
  'a: &x. 1\n',
  'a: &é 1\n',
  'a: &x\n  b: 1\nc: *x\n',
  '[&a 1, *a]\n',
  '{&a a: *a}\n',
  'a: *x y\n',
  'a: &x: 1\n',
  'a: &:x 1\n',
  'k: =\n',
  '=: v\n',
  'k: {=: v}\n',
  'k: !!str {=: v}\n',
  '- =\n',
  'k: [=]\n',
  '<<: {a: 1}\n',
  '<<: [{a: 1}, {a: 2, b: 3}]\n',
  'a: &a {b: &b {c: 1}}\nd: *b\ne: {<<: [*b, *a]}\n',
  'a: !!omap [x: 1, y: 2]\n',
  'a: &a {x: 1}\nb: !!set {<<: *a}\n',
  'x: &x {a: 1}\ny: &y {<<: *x, b: 2}\nz: {<<: *y, c: 3}\n',
  'x: {<<: &m {a: 1}, a: 2}\n',
  'x: {<<: [&m {a: 1}], a: 2}\n',
];

const TAGS = [
  'a: !!set {a, b}\n',
  'a: !!set [a]\n',
  'a: !!set {a: 1}\n',
  'a: !!set {[a]}\n',
  'a: !!omap [a: 1, b: 2]\n',
  'a: !!omap [a: 1, b]\n',
  'a: !!omap [{a: 1, b: 2}]\n',
  'a: !!omap {a: 1}\n',
  'a: !!pairs [a: 1, a: 2]\n',
  'a: !!seq {a: 1}\n',
  'a: !!map [a]\n',
  'a: !!seq [a]\n',
  'a: !!map {a: 1}\n',
  'a: !foo bar\n',
  'a: !foo\n',
  'a: !<tag:yaml.org,2002:str> 1\n',
  'a: !<!> 1\n',
  'a: ! 1\n',
  'a: ! "1"\n',
  'a: !\n',
  'a: !!str\n',
  'a: !!int\n',
  'a: !!python/object:x {}\n',
  'a: !e!x 1\n',
  'a: !%21 1\n',
  'a: !!str%20x 1\n',
  'a: !<tag:yaml.org,2002:int> "3"\n',
  'a: !!binary aGVsbG8=\n',
  'a: !!binary aGVsbG8\n',
  'a: !!binary aGVsbA==\n',
  'a: !!binary a===\n',
  'a: !!binary |\n  aGVs\n  bG8=\n',
  'a: !!binary "é"\n',
  'a: !!binary ab*cd\n',
  'a: !!binary ""\n',
  'a: !!binary a\n',
  'a: !!binary ab=c\n',
  'a: !!bool maybe\n',
  'a: !!bool "TRUE"\n',
  'a: !!int " 12 "\n',
  'a: !!int "0o17"\n',
  'a: !!int "0b0b1"\n',
  'a: !!int "-"\n',
  'a: !!int ""\n',
  'a: !!int "1 2"\n',
  'a: !!int "١٢"\n',
  'a: !!float "1"\n',
  'a: !!float "1E5"\n',
  'a: !!float "infinity"\n',
  'a: !!float "-nan"\n',
  'a: !!float abc\n',
  'a: !!float "1_0.5"\n',
  'a: !!float " 2.5 "\n',
  'a: !!null x\n',
  'a: !!null [1]\n',
  'a: !!str [1]\n',
  'a: !!timestamp x\n',
  'a: !!timestamp "2001-01-01\\n"\n',
  'a: !!str !!int 1\n',
  '!!str\n',
  '!!map\n',
  'a: !!merge x\n',
  'a: !!value x\n',
  'a: !!yaml x\n',
  'a: ! "!"\n',
  'a: [!!str , x]\n',
  'a: {!!str : x}\n',
  'a: !!str,\n',
  'a: [!!str, x]\n',
  'a: !t!\n',
  '!!map {a: 1}\n',
  '!!seq\n- a\n',
  'a: !!int 1:30\n',
];

const TABS = [
  'a:\tb\n',
  'a: \tb\n',
  '\ta: b\n',
  'a:\n\tb: c\n',
  '- \ta\n',
  '-\ta\n',
  '[\ta]\n',
  '{a:\tb}\n',
  'a: b\t\n',
  'a: b\t# c\n',
  'a: "\tx"\n',
  'a: |\n  \tb\n',
  'a: |\n\tb\n',
  'a: "x\n\ty"\n',
  'a:\t\n  b: 1\n',
  'a: [b,\tc]\n',
  'a:\n  b: 1\n\t\n',
  'a: 1\n\t# c\n',
  '\t\na: 1\n',
  'a: b\n\tc\n',
  'a:\n  b\n\tc\n',
  '? \ta\n',
  'a: &x\t1\n',
  'a: !!str\t1\n',
  '---\ta\n',
  'a\t: b\n',
  '"a"\t: b\n',
  'a:\tb:\tc\n',
];

const UNICODE = [
  '\ufeffa: 1\n',
  'a: 1\n\ufeffb: 2\n',
  'a: \ufeffb\n',
  'é: ü\n',
  '😀: 😀\n',
  'a: x\u0085b\n',
  'a: x\u2028b\n',
  'a: "x\u2029y"\n',
  'a: \x01\n',
  'a: \x7f\n',
  'a: \x0b\n',
  'a: \x0c\n',
  'a: \ufffe\n',
  'a: 1\r\nb: 2\r\n',
  'a: 1\rb: 2\r',
  'a: "x\r\n  y"\n',
  'a: |\r\n  x\r\n  y\r\n',
  'a: \u00a0\n',
  '\u00a0a: 1\n',
  'a: \u3000b\n',
  'ключ: значение\n',
  '"\\u00e9": 1\n',
  'a: 日本語\n',
  '- 😀\n  😀\n',
  '😀😀😀😀: x\n',
  `${'😀'.repeat(600)}: x\n`,
  `${'é'.repeat(1100)}: x\n`,
  `${'a'.repeat(1023)}: x\n`,
  `${'a'.repeat(1024)}: x\n`,
  `${'a'.repeat(1025)}: x\n`,
  `"${'a'.repeat(1030)}": x\n`,
  '\ufeff\ufeffa: 1\n',
  '\ufeff---\na\n',
  'a: "\ufeff"\n',
];

const NULLS = [
  'a:\n',
  'a: ~\n',
  'a: null\n',
  'a: Null\n',
  'a: NULL\n',
  'a: nULL\n',
  '- \n',
  '-\n',
  '[,]\n',
  '{a}\n',
  '{a: }\n',
  '? a\n',
  '? a\n: \n',
  'a: !!null\n',
  '~\n',
  '~: 1\n',
  'null: 1\n',
  '[~, null, ]\n',
  '{~: ~}\n',
  '? \n: \n',
  ':\n',
  '- - \n',
  '[a,,b]\n',
  '{a: 1,}\n',
  '{,}\n',
  '[a, ]\n',
  '[ ]\n',
  '{ }\n',
  '{a: 1, b}\n',
  '{: a}\n',
  '{a: , b: }\n',
];

const KEYS = [
  '1: a\n',
  '1.0: a\n',
  'true: a\n',
  'yes: a\n',
  'on: a\n',
  'y: a\n',
  '2001-01-01: a\n',
  '2001-01-01 1:2:3: a\n',
  '[a]: b\n',
  '{a: 1}: b\n',
  '? [a]\n: b\n',
  'a: 1\na: 2\n',
  '1: a\n1.0: b\n',
  '1: a\ntrue: b\n',
  '"1": a\n1: b\n',
  '0: a\nfalse: b\n-0: c\n',
  '.nan: a\n.nan: b\n',
  '.inf: a\n1e5: b\n',
  '1.5: a\n1.50: b\n',
  'null: a\n~: b\n',
  '? !!binary aGk=\n: x\n',
  '0x10: a\n16: b\n',
  'b: 1\n2: x\n1: y\n',
  '__proto__: x\n',
  'constructor: x\n',
  'a: {b: 1, b: 2}\n',
  '- {a: 1, a: 2}\n',
  '{a: 1, "a": 2}\n',
  "a: 1\n'a': 2\n",
  'a\nb: c\n',
  '"a\nb": c\n',
  "'a\nb': c\n",
  '[a,\n b]: c\n',
  '? |\n  x\n: y\n',
  'a: {? b : c}\n',
  '!!str 1: a\n1: b\n',
  '1e2: a\n100: b\n',
  '1.0e+2: a\n100: b\n',
  '1:00: a\n60: b\n',
  '0o10: a\n',
  '010: a\n8: b\n',
  'off: a\nno: b\n',
  'a: 1\n? a\n: 2\n',
];

const FLOW = [
  '[a, b]\n',
  '[a, b, ]\n',
  '[a,,]\n',
  '[a: 1]\n',
  '[? a : b]\n',
  '[? ]\n',
  '[?]\n',
  '[? a]\n',
  '[?: a]\n',
  '[: a]\n',
  '{? a}\n',
  '{? a: b}\n',
  '{?: a}\n',
  '[a\n, b]\n',
  'k: [a,\nb]\n',
  'k: {a: 1,\n  b: 2}\n',
  '[[a], {b: [c]}]\n',
  '{a: [b, {c: d}]}\n',
  '[a]b\n',
  '{a:b}\n',
  '{a: b:c}\n',
  '[a:]\n',
  '{"a":b}\n',
  '{"a":1}\n',
  '["a":1]\n',
  '[a:1]\n',
  '[a:,b]\n',
  '{a:,b}\n',
  '[a:[b]]\n',
  '[a:{b}]\n',
  '{a:}\n',
  '{a:?}\n',
  '[http://x, y]\n',
  '{url: http://x:80/}\n',
  '[a, #c\n b]\n',
  '[a #c\n, b]\n',
  '{a: 1 #c\n}\n',
  '[\n]\n',
  'k: [\n]\n',
  'k: [\n  a\n]\n',
  'k:\n  [a,\n  b]\n',
  'k: [a,\n- b]\n',
  'k: [a, - b]\n',
  'k: [-a]\n',
  'k: [- a]\n',
  '[-]\n',
  '[a, [b, [c, [d]]]]\n',
  '{a: {b: {c: {d: e}}}}\n',
  '[{a: 1}, {b: 2}]\n',
  'k: {a: 1} x\n',
  'k: [a] # c\n',
  '[a] : b\n',
  '{a: 1}: b\n',
  '[a]\n: b\n',
  "['a':1]\n",
  '["a" : 1]\n',
  '{"a" : 1, "b":2}\n',
  '[a, b]c\n',
  '[a\n---\n]\n',
  '[a\n...\n]\n',
  '{a\n: b}\n',
  '[a, b\n  c]\n',
  '[!!str]\n',
  '[&a]\n',
  '{a: &b}\n',
  '[*]\n',
  '[a, *b]\n',
  '{&a : b}\n',
  '[}\n',
  '{]\n',
  ']\n',
  '}\n',
  '[\n',
  '{\n',
  'a: ]\n',
  'a: }\n',
  'a: [}]\n',
  '[a: b: c]\n',
  '[a: b, c: d]\n',
  '{a: b, c}\n',
];

/** Multi-line scalars of every style continued at every column, under keys and list items at every depth. */
function continuations(out: string[]): void {
  for (let depth = 0; depth < 4; depth++) {
    const pad = '  '.repeat(depth);
    const nest = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}n${i}:\n`).join('');
    for (let col = 0; col < 9; col++) {
      const at = ' '.repeat(col);
      for (const [open, close] of [
        ['"', '"'],
        ["'", "'"],
        ['', ''],
      ]) {
        out.push(`${nest}${pad}k: ${open}first line\n${at}second line${close}\n${pad}next: 1\n`);
        out.push(`${nest}${pad}- ${open}first\n${at}second${close}\n${pad}- x\n`);
      }
      out.push(
        `${nest}${pad}k: "a\\\n${at}b"\n`,
        `${nest}${pad}k: [a,\n${at}b]\n`,
        `${nest}${pad}k: {a: 1,\n${at}b: 2}\n`,
      );
    }
  }
}

function handPicked(): string[] {
  const out: string[] = [];
  continuations(out);
  scalarFamilies(out);
  quotedFamilies(out);
  blockFamilies(out);
  for (const list of [PLAIN_MULTI, INDENT, COMMENTS, DOCS, ANCHORS, TAGS, TABS, UNICODE, NULLS, KEYS, FLOW])
    out.push(...list);
  return out;
}

const WORDS = [
  'a',
  'b',
  'key',
  'name',
  'x y',
  'yes',
  '1',
  '0x1',
  '2001-01-01',
  '~',
  '',
  'é',
  'a: b',
  '#',
  '-',
  '"q"',
  "'s'",
  '*',
  '&',
  '!',
];

interface Gen {
  rnd: () => number;
  pick<T>(list: readonly T[]): T;
}

function scalarText(g: Gen): string {
  const w = g.pick(WORDS) + (g.rnd() < 0.3 ? ` ${g.pick(WORDS)}` : '');
  const style = g.rnd();
  if (style < 0.5 && w !== '' && !/^[\s\-?:,[\]{}#&*!|>'"%@`]|: | #|[\t]|\s$/.test(w)) return w;
  if (style < 0.75) return quoteDouble(w);
  return `'${w.replaceAll("'", "''")}'`;
}

/** A random block-style document, `indent` spaces per level. */
function blockDoc(g: Gen, depth: number, indent: number, pad: string): string {
  const lines: string[] = [];
  const n = 1 + Math.floor(g.rnd() * 3);
  const seq = g.rnd() < 0.4;
  for (let i = 0; i < n; i++) {
    const head = seq ? `${pad}- ` : `${pad}${scalarText(g)}:`;
    const r = g.rnd();
    if (depth > 0 && r < 0.35) {
      lines.push(seq ? `${pad}-` : head, blockDoc(g, depth - 1, indent, pad + ' '.repeat(indent)));
    } else if (r < 0.45) {
      lines.push(
        `${head} ${g.rnd() < 0.5 ? '|' : '>'}${g.pick(['', '-', '+'])}`,
        `${pad}${' '.repeat(indent)}${g.pick(WORDS)}`,
      );
    } else if (r < 0.55) {
      lines.push(`${head} [${scalarText(g)}, ${scalarText(g)}]`);
    } else if (r < 0.6) {
      lines.push(`${head} {${scalarText(g)}: ${scalarText(g)}}`);
    } else {
      lines.push(`${seq ? head : head + ' '}${scalarText(g)}${g.rnd() < 0.1 ? ' # c' : ''}`);
    }
  }
  return lines.join('\n');
}

/** Small edits that break or bend a document: indentation, tabs, colons, quotes, deleted characters. */
function mutate(g: Gen, doc: string): string {
  const lines = doc.split('\n');
  const i = Math.floor(g.rnd() * lines.length);
  const line = lines[i] ?? '';
  const m = g.rnd();
  if (m < 0.25) lines[i] = ' '.repeat(1 + Math.floor(g.rnd() * 3)) + line;
  else if (m < 0.4) lines[i] = line.replace(/^ {1,3}/, '');
  else if (m < 0.5) lines[i] = line.replace(/^( *)/, '$1\t');
  else if (m < 0.6) lines.splice(i, 0, g.pick(['', '# c', '---', '...', '  ', '- x', 'k: v']));
  else if (m < 0.75) {
    const p = Math.floor(g.rnd() * (line.length + 1));
    lines[i] =
      line.slice(0, p) +
      g.pick([': ', ':', '"', "'", '#', ' #', '\t', '[', '{', ']', '}', ',', '&a ', '*a', '!x ', '\\']) +
      line.slice(p);
  } else {
    const p = Math.floor(g.rnd() * line.length);
    lines[i] = line.slice(0, p) + line.slice(p + 1);
  }
  return lines.join('\n');
}

/** Pieces of YAML syntax strung together at random: mostly refusals, each stopping somewhere else. */
const ATOMS = [
  'a',
  'b',
  'key',
  ' ',
  '  ',
  '\n',
  '\n',
  '\n  ',
  '\n    ',
  ': ',
  ':',
  '- ',
  '-',
  '? ',
  '?',
  ',',
  '[',
  ']',
  '{',
  '}',
  '#',
  ' #c',
  '&x ',
  '*x',
  '!!str ',
  '!x ',
  '! ',
  '|',
  '>',
  '|-',
  '>+',
  '|2',
  "'",
  "''",
  '"',
  '\\',
  '\\n',
  '\t',
  '---',
  '...',
  '%YAML 1.1',
  '%TAG !e! t:',
  '1',
  '0x1',
  '1.5',
  'yes',
  '~',
  '<<',
  '=',
  'é',
  '😀',
  '\ufeff',
  '\u2028',
  '\u0085',
  '\r\n',
  '2001-01-01',
  '1:30',
  '.inf',
  '"a b"',
  "'c'",
  'x y',
];

function soup(g: Gen): string {
  let s = '';
  const n = 3 + Math.floor(g.rnd() * 25);
  for (let i = 0; i < n; i++) s += g.pick(ATOMS);
  return s;
}

/** The whole corpus: hand-picked families, `random` seeded documents each also mutated, `soups` token soups. */
export function corpus(random = 1200, seed = 20240611, soups = 1000): string[] {
  const rnd = prng(seed);
  const g: Gen = { rnd, pick: (list) => list[Math.floor(rnd() * list.length)] as (typeof list)[number] };
  const out = handPicked();
  for (let i = 0; i < random; i++) {
    const doc = blockDoc(g, 3, 2 + Math.floor(rnd() * 3), '') + (rnd() < 0.8 ? '\n' : '');
    out.push(doc, mutate(g, doc));
  }
  for (let i = 0; i < soups; i++) out.push(soup(g));
  return out;
}
