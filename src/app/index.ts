// Public surface of the entry points as functions (serve, compile, test, replay): what the CLI's commands call,
// and what a program embedding rules calls instead of spawning the CLI.
export { UsageError } from './errors.ts';
export { compileRuleSet, formatDiagnostics, packRoots, runnerSchemas } from './ruleset.ts';
export type { CompileOutput, LoadedRuleSet } from './ruleset.ts';
export {
  fixtureFiles,
  fixtureProblems,
  formatDiagnostic,
  loadDocument,
  loadPacks,
  loadRule,
  ruleFromDocument,
  runFixtures,
  testRule,
} from './rule-tester.ts';
export type { FixtureResult, RuleTestResult, TriggerInstanceInput } from './rule-tester.ts';
export { ApiError, apiBase, apiConfig, apiGet, apiPost, cell, details, print, table } from './api-client.ts';
export type { ApiFlags } from './api-client.ts';
export { instancesSince, instancesSinceAny, parseSince, reEmit, webhookTriggerRefs } from './replay.ts';
export { serve, resolveServeOptions, DEFAULT_HOST, DEFAULT_PORT } from './serve.ts';
export type { ResolvedServeOptions, RunningServer, ServeConfig, ServeFlags } from './serve.ts';
export { codeFrameSource, readInstalledPacks, runCompile, servedSummary, watchCompile } from './compile.ts';
export type { CompileFlags } from './compile.ts';
export { dataDirectory, virtualenvsDirectory, DEFAULT_STORE } from './data-dir.ts';
export { setupPacks } from './pack-setup.ts';
export type { PackSetupOptions } from './pack-setup.ts';
