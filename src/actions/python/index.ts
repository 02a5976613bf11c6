// Public surface of the Python side of the actions stage: the interpreter choice, the shipped st2common package
// and wrapper, the channel protocol and the datastore calls of `self.action_service`.
export {
  pythonInterpreter,
  pythonSiteDir,
  lazyPython,
  resolvePython,
  virtualenvPath,
  wrapperScript,
  SYSTEM_PACKS,
} from './interpreter.ts';
export type { Interpreter } from './interpreter.ts';
export { serveChannel } from './channel.ts';
export type { ChannelState, ResultMessage } from './channel.ts';
export { answerDatastoreCall, fullKeyName, MASK } from './datastore.ts';
export { setupPackVirtualenv, failedRequirement, SetupError } from './setup.ts';
export type { SetupOptions, SetupOutcome } from './setup.ts';
