// A tiny quoting code builder in the style of ajv's lib/compile/codegen: every interpolated value is
// JSON-quoted unless it is already Code, so no template text ever reaches generated code unquoted.

export class Code {
  readonly code: string;
  constructor(code: string) {
    this.code = code;
  }
  toString(): string {
    return this.code;
  }
}

/** A JS literal for plain data: JSON with the two line terminators JSON allows but JS source once did not. */
export function quote(v: string | number | boolean | null): Code {
  if (typeof v === 'number' && !Number.isFinite(v))
    return new Code(Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity');
  return new Code(
    JSON.stringify(v)
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}

/** Tagged template: `_\`rt.getattr(${obj}, ${name})\`` with `name` quoted and `obj` (Code) inserted. */
export function _(strings: TemplateStringsArray, ...values: Array<Code | string | number | boolean | null>): Code {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += (v instanceof Code ? v.code : quote(v).code) + (strings[i + 1] ?? '');
  });
  return new Code(out);
}

/** Joins code fragments. */
export function join(parts: Code[], sep = ', '): Code {
  return new Code(parts.map((p) => p.code).join(sep));
}

/** Fresh local names for generated code (never derived from template text). */
export class NameScope {
  private n = 0;
  next(prefix: string): Code {
    return new Code(`${prefix}${this.n++}`);
  }
}
