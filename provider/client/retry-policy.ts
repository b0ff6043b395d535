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
}

/**
 * Milliseconds to wait before the next attempt, or 0 for "stop retrying": past the limit, or when the wait would
 * end beyond the operation's deadline. Exponential backoff with "equal jitter" (half fixed, half random) so that
 * many resources failing together do not retry in lockstep; a `Retry-After` is honoured as a floor.
 */
export function retryDelay(policy: RetryPolicy, attempt: RetryAttempt): number {
  if (attempt.attempt > policy.limit) {
    return 0;
  }
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt.attempt - 1));
  const jittered = exponential / 2 + (exponential / 2) * attempt.random;
  const delay =
    attempt.retryAfterMs === undefined
      ? jittered
      : Math.min(policy.maxDelayMs, attempt.retryAfterMs + (policy.baseDelayMs / 4) * attempt.random);
  if (attempt.elapsedMs + delay >= policy.deadlineMs) {
    return 0;
  }
  // got reads 0 as "do not retry", so never return it for a retry that should happen.
  return Math.max(1, Math.round(delay));
}
