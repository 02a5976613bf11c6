// Python exceptions as values the template engine throws and callers inspect by class name.

/** A Python-level error: `pyClass` is the Python exception class name ('TypeError', 'UndefinedError', ...). */
export class PyError extends Error {
  readonly pyClass: string;
  constructor(pyClass: string, message: string) {
    super(message);
    this.name = 'PyError';
    this.pyClass = pyClass;
  }
}

/** True when `e` is a PyError (of the given class, when one is named). */
export function isPyError(e: unknown, pyClass?: string): e is PyError {
  return e instanceof PyError && (pyClass === undefined || e.pyClass === pyClass);
}
