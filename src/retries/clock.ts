/**
 * The clock adaptive mode measures send rates with: wall-clock seconds like
 * botocore's `time.time()`, but monotonic, so a system clock step cannot
 * produce a negative interval.
 */
import { setTimeout as sleepFor } from "node:timers/promises";
import type { RetryClock } from "./types.js";

/** Real time: `performance` seconds since the epoch, and timer-based sleeps. */
export const systemClock: RetryClock = {
  now: () => (performance.timeOrigin + performance.now()) / 1000,
  sleep: (seconds, signal) => sleepFor(Math.max(0, seconds * 1000), undefined, signal === undefined ? undefined : { signal }),
};
