// chevrotain as its single-file ES module bundle (lib/chevrotain.mjs, published in the package next to its
// module tree): the same code, but one file instead of the 700 modules its tree pulls in (640 of them
// lodash-es). Loading it costs ~50 ms of CPU instead of ~900 ms, which every command that compiles templates or
// key paths used to pay at start. The package's exports map only names the tree, so the bundle is found next
// to it; if a future version moves it, the tree is loaded as before.
import type * as Chevrotain from 'chevrotain';

async function load(): Promise<typeof Chevrotain> {
  const bundle = new URL('../chevrotain.mjs', import.meta.resolve('chevrotain')).href;
  try {
    return (await import(bundle)) as typeof Chevrotain;
  } catch {
    return import('chevrotain');
  }
}

export const { createToken, CstParser, Lexer } = await load();
