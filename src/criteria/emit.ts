// `rules compile --emit DIR`: the generated matcher of every Trigger, written for review.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuleSet, TriggerEntry } from '../model/index.ts';

function fileName(entry: TriggerEntry): string {
  const url = typeof entry.parameters.url === 'string' ? `webhook-${entry.parameters.url}` : entry.type;
  return `${url.replace(/[^a-zA-Z0-9_.-]+/g, '_').replace(/^[._]+/, '') || 'trigger'}-${entry.ref.replace(/[^a-zA-Z0-9_.-]+/g, '_')}.js`;
}

/** Writes one `.js` file per Trigger of the rule set into `dir`; returns the paths written. */
export async function emitMatchers(ruleSet: RuleSet, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const entries = new Set<TriggerEntry>();
  for (const list of ruleSet.webhooks.values()) for (const e of list) entries.add(e);
  for (const e of ruleSet.triggers.values()) entries.add(e);
  const written: string[] = [];
  for (const entry of entries) {
    const path = join(dir, fileName(entry));
    const header = `// Trigger ${entry.ref} (${entry.type} ${JSON.stringify(entry.parameters)}): ${entry.rules.length} rule(s)\n`;
    await writeFile(path, header + (entry.matcher.source ?? '// (interpreted matcher: no generated code)\n'));
    written.push(path);
  }
  return written;
}
