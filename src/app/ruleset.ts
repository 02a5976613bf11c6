// How `rules serve` and `rules webhook list` get a RuleSet: the pack compiler (src/compile) and the rule-set
// builder (src/ruleset).
import type { RuleSet, ParameterSpec } from '../model/index.ts';
import type { Diagnostic } from '../diagnostics/index.ts';
import { buildRuleSet } from '../ruleset/index.ts';
import { loadBuiltins, resolvePackRoots } from '../pack/index.ts';
import { compilePacks } from '../compile/index.ts';
import type { CompileOutput } from '../compile/index.ts';

export type { CompileOutput };

/** `--packs` flags, RULES_PACKS (colon-separated), else ./packs. */
export function packRoots(flags: string[] | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  return resolvePackRoots(flags, env);
}

export interface LoadedRuleSet {
  ruleSet: RuleSet;
  output: CompileOutput;
}

/** Compiles the packs and builds the RuleSet served at `generation`. */
export async function compileRuleSet(roots: string[], generation: number): Promise<LoadedRuleSet> {
  const output = await compilePacks({ roots });
  const ruleSet = buildRuleSet(output, generation);
  // Webhook options ride along on the rule set, so a reload swaps them together with the rules.
  return { ruleSet: output.webhookOptions ? { ...ruleSet, webhookOptions: output.webhookOptions } : ruleSet, output };
}

/** Runner parameter schemas of the built-in runners. */
export function runnerSchemas(): ReadonlyMap<string, { parameters: Record<string, ParameterSpec> }> {
  return loadBuiltins().runners;
}

/** One line per diagnostic, `file:line:col severity CODE message`. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}\n`).join('');
}
