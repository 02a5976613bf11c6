// Errors the entry points throw for their caller to show; the class lives in diagnostics (a leaf the CLI loads).
export { UsageError } from '../diagnostics/index.ts';
