// A tiny code builder in the style of ajv's lib/compile/codegen: every interpolated value is quoted
// unless it is already Code, and names come from a Scope, so rule or template text can never become code.

/** A piece of JavaScript that is already code (inserted as is). */
export class Code {
  constructor(readonly code: string) {}
  toString(): string {
    return this.code;
  }
}

/** A name declared by a Scope. */
export class Name extends Code {}

/** A JavaScript literal for a primitive; objects must go through `Scope.value` (no literal can reach a prototype). */
export function quote(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'number')
    return Object.is(v, -0)
      ? '-0'
      : Number.isFinite(v)
        ? String(v)
        : Number.isNaN(v)
          ? 'NaN'
          : v > 0
            ? 'Infinity'
            : '-Infinity';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string')
    return JSON.stringify(v)
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029');
  throw new Error(`codegen: cannot quote a ${typeof v}; use scope.value()`);
}

/** Tagged template: `_\`${v} === ${"abc"}\`` quotes the string and keeps the Code `v` as is. */
export function _(strings: TemplateStringsArray, ...args: unknown[]): Code {
  let out = strings[0] ?? '';
  args.forEach((a, i) => {
    out += (a instanceof Code ? a.code : quote(a)) + (strings[i + 1] ?? '');
  });
  return new Code(out);
}

/** Joins code pieces with a separator (both already code). */
export function join(parts: readonly Code[], sep = ', '): Code {
  return new Code(parts.map((p) => p.code).join(sep));
}

/** A comment line; `*\/` and newlines in the text are neutralised. */
export function comment(text: string): Code {
  return new Code(`// ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`);
}

/** Fresh names and the external values (regexes, object constants, compiled templates) the code refers to. */
export class Scope {
  private counters = new Map<string, number>();
  readonly externals: unknown[] = [];
  readonly declarations: Code[] = [];

  name(prefix: string): Name {
    const n = this.counters.get(prefix) ?? 0;
    this.counters.set(prefix, n + 1);
    return new Name(`${prefix}${n}`);
  }

  /** Declares `const <prefix>N = ext[i]` for a value the generated code uses by reference. */
  value(prefix: string, v: unknown): Name {
    const name = this.name(prefix);
    this.externals.push(v);
    this.declarations.push(new Code(`const ${name.code} = ext[${this.externals.length - 1}];`));
    return name;
  }
}
