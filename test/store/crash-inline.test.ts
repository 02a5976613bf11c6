// Kill -9 mid-stream and restart, the store committing inline (one core, RULES_STORE_WRITER=inline): see _crash.ts.
import { crashTest } from './_crash.ts';

crashTest('inline');
