// Identifiers and timestamps in StackStorm's shapes: Mongo-style ObjectIds and microsecond UTC ISO times.
import { randomBytes } from 'node:crypto';

let counter = randomBytes(3).readUIntBE(0, 3);
// Random once per process, as MongoDB's ObjectId does: seconds + counter keep ids unique within the process
// (a random read per id was ~2% of a webhook's CPU under load).
const processPart = randomBytes(5).toString('hex');

/** A 24-hex ObjectId (4 bytes seconds, 5 random bytes per process, 3 bytes counter), sortable by time. */
export function newObjectId(now = Date.now()): string {
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + processPart + counter.toString(16).padStart(6, '0');
}

// A webhook stamps several records within the same millisecond: format each millisecond once.
let lastMs = Number.NaN;
let lastIso = '';

/** `2016-05-28T12:39:28.650000Z`: StackStorm prints microseconds; JavaScript has milliseconds. */
export function isoMicros(ms: number): string {
  if (ms === lastMs) return lastIso;
  // toISOString always ends `.mmmZ` (years 0-9999): append three zeros before the Z, no regex per call.
  const iso = new Date(ms).toISOString();
  lastMs = ms;
  lastIso = `${iso.slice(0, -1)}000Z`;
  return lastIso;
}
