// Public surface of the watch stage (issue 7): chokidar → debounce → content hash → recompile →
// last-known-good merge → RuleSet swap.
export { createHolder } from './holder.ts';
export type { RuleSetHolder } from './holder.ts';
export { createDebouncer } from './debounce.ts';
export type { Debouncer } from './debounce.ts';
export { FileHashes } from './hash.ts';
export { LastKnownGood } from './last-known-good.ts';
export type { Models, MergeResult, ModelUnit } from './last-known-good.ts';
export { createReloader } from './reloader.ts';
export type { Reloader, ReloaderOptions, ReloadOutcome } from './reloader.ts';
export { watchPacks, isWatched } from './watcher.ts';
export type { PackWatcher, PackWatcherOptions } from './watcher.ts';
export { startHotReload } from './hot-reload.ts';
export type { HotReload, HotReloadOptions } from './hot-reload.ts';
export { formatOutcome } from './format.ts';
export { runCompileWatch } from './compile-watch.ts';
export { startServeWatch } from './serve-watch.ts';
export type { ServeWatchOptions } from './serve-watch.ts';
export { IncrementalRuleSetBuilder } from './incremental-build.ts';
