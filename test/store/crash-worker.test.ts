// Kill -9 mid-stream and restart, the store committing on its writer thread: see _crash.ts.
import { crashTest } from './_crash.ts';

crashTest('worker');
