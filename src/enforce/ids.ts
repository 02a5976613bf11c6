// Identifiers and timestamps in StackStorm's shapes.
import { randomBytes } from 'node:crypto';

let counter = randomBytes(3).readUIntBE(0, 3);

/** A 24-hex id shaped like a MongoDB ObjectId (seconds, random, counter), so ids sort roughly by time. */
export function objectId(now = Date.now()): string {
  counter = (counter + 1) % 0xffffff;
  const time = Math.floor(now / 1000).toString(16).padStart(8, '0');
  return `${time}${randomBytes(5).toString('hex')}${counter.toString(16).padStart(6, '0')}`;
}

/** UTC ISO time with microseconds, as StackStorm's API prints timestamps: `2026-01-02T03:04:05.678000Z`. */
export function st2Timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
