/** What the limiter decided about one request. */
export type Admission = { readonly admitted: true } | { readonly admitted: false; readonly retryAfterSeconds: number };

const WINDOW_MS = 1000;

/**
 * At most `requestsPerSecond` admitted requests in any sliding one-second window. A refused request does not count
 * against the window, so a client that waits `Retry-After` is admitted.
 */
export class SlidingWindowLimiter {
  readonly requestsPerSecond: number;
  readonly retryAfterSeconds: number | undefined;
  readonly #admittedAt: number[] = [];

  constructor(requestsPerSecond: number, retryAfterSeconds?: number) {
    if (!Number.isInteger(requestsPerSecond) || requestsPerSecond < 1) {
      throw new TypeError(`requestsPerSecond must be a positive integer; got ${requestsPerSecond}`);
    }
    if (retryAfterSeconds !== undefined && (!Number.isFinite(retryAfterSeconds) || retryAfterSeconds < 0)) {
      throw new TypeError(`retryAfterSeconds must be a non-negative number; got ${retryAfterSeconds}`);
    }
    this.requestsPerSecond = requestsPerSecond;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  admit(now: number = Date.now()): Admission {
    while (this.#admittedAt.length > 0 && (this.#admittedAt[0] ?? now) <= now - WINDOW_MS) {
      this.#admittedAt.shift();
    }
    if (this.#admittedAt.length < this.requestsPerSecond) {
      this.#admittedAt.push(now);
      return { admitted: true };
    }
    const oldest = this.#admittedAt[0] ?? now;
    const untilFree = Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    return { admitted: false, retryAfterSeconds: this.retryAfterSeconds ?? untilFree };
  }
}
