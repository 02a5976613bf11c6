// Public surface of the web console (issue 19): its routes as one plugin for the server, and the bundle builder
// (tests and the size measurement). Browser code lives in console/ at the repository root.
export { consoleRoutes } from './routes.ts';
export type { ConsoleOptions } from './routes.ts';
export { buildConsole, consoleBundle, CONSOLE_SOURCE } from './assets.ts';
export type { Asset, ConsoleBundle } from './assets.ts';
export { explainInstance, rulesOfTrigger } from './explain.ts';
export type { CriterionView, RuleExplanation, RuleTester } from './explain.ts';
