// Offsets inside a template to 1-based line and column (for messages that stand alone, e.g. the CLI).

/** `lineColumn('a\nbc', 3)` = { line: 2, column: 2 }. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}
