// The served rule set behind one reference: a request reads `current()` once when it starts and keeps that
// immutable object, so a swap in the middle of a request never mixes two generations.
import type { RuleSet } from '../model/index.ts';

export interface RuleSetHolder {
  current(): RuleSet;
  swap(next: RuleSet): void;
}

/** `const holder = createHolder(initial); createServer({ ruleSet: holder.current, ... })`. */
export function createHolder(initial: RuleSet): RuleSetHolder {
  let value = initial;
  return {
    current: () => value,
    swap(next) {
      value = next;
    },
  };
}
