// Public surface of the pack stage: finding packs, reading and parsing their files with positions.
export { CompileCache } from './cache.ts';
export { parseYaml, lazySourceMap, offsetMap, pointerSegment, pointerSegments } from './yaml.ts';
export type { SourceDoc } from './yaml.ts';
export { BUILTIN_PACKS, loadBuiltins, packageRoot, rulesDir } from './builtins.ts';
export type { Builtins, RemovedRunner, RunnerType } from './builtins.ts';
export { loadPackRoots, loadFile, loadFileSync, resolvePackRoots } from './load.ts';
export type { LoadedFile, LoadedPack, LoadedRoot, LoadResult, LoadReuse } from './load.ts';
export { DEFAULT_MAX_FILE_BYTES, readPackFile } from './read-file.ts';
export type { FileLimits, PackFileRead } from './read-file.ts';
