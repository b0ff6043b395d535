/** How the sandbox repeats a failed delivery: the platform's schedule, on a faster clock. */
export interface EventRetrySchedule {
  /** Repeats after the first attempt; the platform makes 9 (docs/amplify-api.md §6). */
  readonly limit: number;
  /** The unit of the `4^x` backoff: 1000 on the platform (seconds), 10 ms by default in the sandbox. */
  readonly baseMs: number;
}

/**
 * Milliseconds before repeat number `retry` (1 for the first repeat): `4^retry × baseMs`, the platform's
 * "4^x seconds" with seconds shrunk to `baseMs`. With the platform's 9 repeats, the last wait is 4^9 s ≈ 73 h,
 * the "about 73 hours" of the docs. `undefined` once the repeats are used up.
 */
export function eventRetryDelayMs(schedule: EventRetrySchedule, retry: number): number | undefined {
  if (!Number.isInteger(retry) || retry < 1 || retry > schedule.limit) {
    return undefined;
  }
  return 4 ** retry * schedule.baseMs;
}
