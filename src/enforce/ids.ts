// Identifiers and timestamps in StackStorm's shapes, as the engine names them: the store's (one counter and one
// per-process part, so ids made here and there never collide).
import { isoMicros, newObjectId } from '../store/index.ts';

/** A 24-hex id shaped like a MongoDB ObjectId (seconds, per-process random, counter), so ids sort roughly by time. */
export const objectId = newObjectId;

/** UTC ISO time with microseconds, as StackStorm's API prints timestamps: `2026-01-02T03:04:05.678000Z`. */
export function st2Timestamp(date?: Date): string {
  return isoMicros(date ? date.getTime() : Date.now());
}
