// Identifiers and timestamps in StackStorm's shapes.
import { randomBytes } from 'node:crypto';

let counter = randomBytes(3).readUIntBE(0, 3);
// Random once per process, as MongoDB's ObjectId does: seconds + counter keep ids unique within the process
// (a random read per id was ~2% of a webhook's CPU under load).
const processPart = randomBytes(5).toString('hex');

/** A 24-hex id shaped like a MongoDB ObjectId (seconds, per-process random, counter), so ids sort roughly by time. */
export function objectId(now = Date.now()): string {
  counter = (counter + 1) % 0x1000000;
  const time = Math.floor(now / 1000).toString(16).padStart(8, '0');
  return `${time}${processPart}${counter.toString(16).padStart(6, '0')}`;
}

/** UTC ISO time with microseconds, as StackStorm's API prints timestamps: `2026-01-02T03:04:05.678000Z`. */
export function st2Timestamp(date = new Date()): string {
  // toISOString always ends `.mmmZ` (years 0-9999): append three zeros before the Z, no regex per call.
  const iso = date.toISOString();
  return `${iso.slice(0, -1)}000Z`;
}
