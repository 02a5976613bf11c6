// Issue 14, point 2: null wherever StackStorm's API models accept it. StackStorm validates pack files with
// util_schema.validate(..., use_default=True, allow_default_none=True) (st2common/util/schema/__init__.py):
// modify_schema_allow_default_none lets null through for every property that is optional (or has a default) and
// whose default is None, and assign_default_values replaces a null by the property's default first. Together:
// at the top level and in nested objects with `properties`, null is accepted for every optional property;
// a required property without a default still refuses it. The JSON Schemas in rules/schema say the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateDocument } from '../../src/schema/index.ts';
import type { SchemaName } from '../../src/schema/index.ts';
import { parseYaml } from '../../src/pack/index.ts';
import { compilePacks } from '../../src/compile/index.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Schema = { properties?: Record<string, Schema>; required?: string[]; default?: unknown };

const schemaFile = (name: string): Schema =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../rules/schema/${name}.schema.json`, import.meta.url)), 'utf8'),
  ) as Schema;

// A valid document of each model, and the nested objects StackStorm's schemas declare with `properties`.
const valid: Record<string, { doc: Record<string, unknown>; nested: string[] }> = {
  action: { doc: { name: 'a', runner_type: 'noop', notify: {} }, nested: ['notify'] },
  rule: {
    doc: { name: 'r', trigger: { type: 'core.st2.webhook' }, action: { ref: 'core.noop' }, type: { ref: 'standard' } },
    nested: ['trigger', 'action', 'type'],
  },
  'trigger-type': { doc: { name: 't' }, nested: [] },
  pack: { doc: { name: 'p', description: 'd', version: '0.1.0', author: 'a' }, nested: [] },
};

function check(name: string, doc: Record<string, unknown>): string[] {
  const source = parseYaml(JSON.stringify(doc), `${name}.yaml`).source;
  return validateDocument(name as SchemaName, doc, source).map((d) => d.message);
}

for (const [name, { doc, nested }] of Object.entries(valid)) {
  test(`${name}: every optional property accepts null, every required one refuses it`, () => {
    const schema = schemaFile(name);
    assert.deepEqual(check(name, doc), []);
    const levels: Array<[string | undefined, Schema]> = [[undefined, schema]];
    for (const n of nested) levels.push([n, schema.properties?.[n] ?? {}]);
    for (const [at, level] of levels) {
      for (const [prop, spec] of Object.entries(level.properties ?? {})) {
        const base = structuredClone(doc);
        const target = at === undefined ? base : (base[at] as Record<string, unknown>);
        target[prop] = null;
        const label = at === undefined ? prop : `${at}.${prop}`;
        const required = (level.required ?? []).includes(prop) && !Object.hasOwn(spec, 'default');
        if (required) assert.notDeepEqual(check(name, base), [], `${name} ${label}: null must be refused`);
        else assert.deepEqual(check(name, base), [], `${name} ${label}: null must be accepted`);
      }
    }
  });
}

test('a pack whose optional fields are left empty compiles clean; a null `enabled` is an omitted one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-null-'));
  const files: Record<string, string> = {
    'p/pack.yaml': 'name: p\ndescription: d\nversion: 0.1.0\nauthor: a\nemail:\nkeywords:\n',
    'p/actions/a.yaml':
      'name: a\npack:\nrunner_type: local-shell-cmd\ndescription:\nenabled:\nentry_point:\ntags:\nnotify:\n' +
      '  on-failure:\nparameters:\n  cmd:\n    type: string\n    default: echo hi\n',
    'p/triggers/t.yaml': 'name: t\ndescription:\npayload_schema:\nparameters_schema:\ntags:\n',
    'p/rules/r.yaml':
      'name: r\ndescription:\nenabled:\ntags:\ncriteria:\ntrigger:\n  type: p.t\n  parameters:\n' +
      'action:\n  ref: p.a\n  parameters:\n',
  };
  try {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const out = await compilePacks({ roots: [dir] });
    assert.deepEqual(
      out.diagnostics.map((d) => d.code),
      ['RULES_W_RULE_ENABLED_OMITTED'],
    );
    const action = out.actions.find((a) => a.ref === 'p.a');
    assert.equal(action?.enabled, true);
    assert.equal(action?.entryPoint, '');
    assert.equal(out.rules[0]?.enabled, false);
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('a required field left empty is still an error naming both accepted types', () => {
  const doc = { name: 'a', runner_type: null };
  assert.deepEqual(check('action', doc), ['runner_type must be string, got null']);
  assert.deepEqual(check('action', { name: 'a', runner_type: 'noop', description: 5 }), [
    'description must be string or null, got integer',
  ]);
});
