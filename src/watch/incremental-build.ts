// Reload work proportional to the change: each build offers the previous rule set to buildRuleSet, which
// keeps the entry (and compiled matcher) of every Trigger whose rules are unchanged (same refs, file
// contents, enabled flags, order), so only changed Triggers compile a new matcher. One builder:
// test/watch/incremental-build.test.ts checks the result equals a fresh buildRuleSet.
import { buildRuleSet, sameRules } from '../ruleset/index.ts';
import type { RuleSetInput } from '../ruleset/index.ts';
import type { RuleSet } from '../model/index.ts';

export class IncrementalRuleSetBuilder {
  #previous: RuleSet | undefined;
  /** Matchers compiled by the last build (for tests and the benchmark). */
  compiled = 0;

  build(input: RuleSetInput, generation: number): RuleSet {
    let reused = 0;
    const next = buildRuleSet(input, generation, {
      previous: this.#previous,
      reuse: (previous, rules) => {
        const same = sameRules(previous, rules);
        if (same) reused += 1;
        return same;
      },
    });
    let entries = next.triggers.size;
    for (const list of next.webhooks.values()) entries += list.length;
    this.compiled = entries - reused;
    // Only the entries of this generation are kept: memory follows the tree, not its history.
    this.#previous = next;
    return next;
  }
}
