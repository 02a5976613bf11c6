// Identifier and literal quoting for the DDL renderers. Inputs are the fixed names and defaults of tables.ts;
// quoting anyway keeps reserved words (`user`, `trigger`) valid in both dialects.

/** `"name"`, with embedded quotes doubled. */
export const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** `'text'`, with embedded quotes doubled. */
export const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;
