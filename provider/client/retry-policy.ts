/**
 * When and how long to wait before repeating a request. Data plus one pure function, so that the schedule can be
 * tested without a server (the shape follows got's own calculate-retry-delay).
 */
export interface RetryPolicy {
  /** Repeats after the first attempt. */
  readonly limit: number;
  /** Delay before the first repeat; doubles each time. */
  readonly baseDelayMs: number;
  /** Ceiling of one delay, and of a `Retry-After` the platform asks for. */
  readonly maxDelayMs: number;
  /** Total time one operation may take, attempts and waits included. */
  readonly deadlineMs: number;
}

/** Methods that are safe to repeat. POST creates, so a blind repeat could make a second instance. */
export const RETRYABLE_METHODS = ["GET", "PUT", "PATCH", "DELETE", "HEAD"] as const;
export const RETRYABLE_STATUS_CODES = [408, 429, 500, 502, 503, 504, 521, 522, 524] as const;
/** Transport failures, plus got's code for a 2xx body that is not JSON (a truncated answer). */
export const RETRYABLE_ERROR_CODES = [
  "ETIMEDOUT",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "ERR_BODY_PARSE_FAILURE",
] as const;

export interface RetryAttempt {
  /** 1 for the first repeat. */
  readonly attempt: number;
  /** Milliseconds since the operation started. */
  readonly elapsedMs: number;
  /** Milliseconds the platform asked to wait (`Retry-After`), if it did. */
  readonly retryAfterMs?: number | undefined;
  /** A number in [0, 1); `Math.random()` outside tests. */
  readonly random: number;
  /**
   * The platform refused with 429: it did nothing and said when to come back. Such waits are bounded by the
   * deadline only, not by the retry limit, which counts failures; 200 resources sharing one rate limit would
   * otherwise use up their retries while waiting their turn.
   */
  readonly rateLimited?: boolean | undefined;
}

/**
 * Milliseconds to wait before the next attempt, or 0 for "stop retrying": past the limit, or when the wait would
 * end beyond the operation's deadline. Exponential backoff with "equal jitter" (half fixed, half random) so that
 * many resources failing together do not retry in lockstep; a `Retry-After` is honoured as a floor.
 */
export function retryDelay(policy: RetryPolicy, attempt: RetryAttempt): number {
  if (attempt.rateLimited !== true && attempt.attempt > policy.limit) {
    return 0;
  }
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (Math.min(attempt.attempt, 30) - 1));
  const jittered = exponential / 2 + (exponential / 2) * attempt.random;
  // Retry-After is a floor. Many clients told the same time would all come back at once and meet the same limit,
  // so the wait is spread over up to twice that time.
  const delay =
    attempt.retryAfterMs === undefined
      ? jittered
      : Math.min(
          policy.maxDelayMs,
          attempt.retryAfterMs + Math.max(attempt.retryAfterMs, policy.baseDelayMs) * attempt.random,
        );
  if (attempt.elapsedMs + delay >= policy.deadlineMs) {
    return 0;
  }
  // got reads 0 as "do not retry", so never return it for a retry that should happen.
  return Math.max(1, Math.round(delay));
}
