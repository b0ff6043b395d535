import test from "ava";
import { type RetryPolicy, retryDelay } from "../../provider/client/retry-policy.js";

const policy: RetryPolicy = { limit: 4, baseDelayMs: 500, maxDelayMs: 8000, deadlineMs: 60_000 };

test("delays double with jitter between half and the full step", (t) => {
  t.is(retryDelay(policy, { attempt: 1, elapsedMs: 0, random: 0 }), 250);
  t.is(retryDelay(policy, { attempt: 1, elapsedMs: 0, random: 0.999 }), 500);
  t.is(retryDelay(policy, { attempt: 3, elapsedMs: 0, random: 0 }), 1000);
});

test("the step is capped", (t) => {
  t.is(retryDelay({ ...policy, limit: 30 }, { attempt: 9, elapsedMs: 0, random: 0.999 }), 7996);
  t.is(retryDelay({ ...policy, limit: 30 }, { attempt: 25, elapsedMs: 0, random: 0.999 }), 7996);
});

test("Retry-After is honoured as a floor and capped", (t) => {
  t.is(retryDelay(policy, { attempt: 1, elapsedMs: 0, retryAfterMs: 3000, random: 0 }), 3000);
  t.is(retryDelay(policy, { attempt: 1, elapsedMs: 0, retryAfterMs: 120_000, random: 0 }), 8000);
});

test("no retry past the limit or the deadline", (t) => {
  t.is(retryDelay(policy, { attempt: 5, elapsedMs: 0, random: 0.5 }), 0);
  t.is(retryDelay(policy, { attempt: 2, elapsedMs: 59_900, random: 0.5 }), 0);
});
