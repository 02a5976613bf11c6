#!/usr/bin/env node
// The `rules` executable. Runs the compiled JavaScript of dist/ when it is built and fresh (compiled.js); otherwise
// it registers tsx and runs the TypeScript sources as they are (development, tests, a clone before its first
// `npm ci`). Starting from dist/ skips tsx's loader, which compiling ~380 files on the fly made most of a command's
// start-up time (issue 18 point 4).
import { pathToFileURL } from 'node:url';
import { compiledIsFresh, compiledMain } from './compiled.js';

if (compiledIsFresh()) {
  await import(pathToFileURL(compiledMain).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
