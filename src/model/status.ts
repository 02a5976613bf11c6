// What GET /v1/status reports about hot reload (issue 7): the watch stage builds a ReloadStatus with each
// RuleSet it swaps in; a RuleSet without one (no --watch) reports its generation only.
import type { Diagnostic } from '../diagnostics/index.ts';

/** `ok`: this version serves; `stale`: broken, the last good version serves; `error`: broken, nothing serves. */
export type FileCompileState = 'ok' | 'stale' | 'error';

export interface FileStatus {
  state: FileCompileState;
  diagnostics: readonly Diagnostic[];
}

export interface ReloadStatus {
  /** ISO time of the reload that produced this rule set. */
  loadedAt: string;
  /** `ok`: no file is broken; `partial`: some file is served from its last good version or not at all. */
  result: 'ok' | 'partial';
  durationMs: number;
  reloads: { ok: number; partial: number; failed: number };
  files: ReadonlyMap<string, FileStatus>;
}
