import test from "ava";
import { retryAfterMs } from "../../provider/client/retry-after.js";

const now = Date.parse("2026-12-05T10:00:00Z");

test("Retry-After in seconds and as an HTTP date both come out in milliseconds", (t) => {
  t.is(retryAfterMs("120", now), 120_000);
  t.is(retryAfterMs(" 1.5 ", now), 1500);
  t.is(retryAfterMs("Sat, 05 Dec 2026 10:00:30 GMT", now), 30_000);
  t.is(retryAfterMs(["7", "9"], now), 7000, "the first of repeated headers");
});

test("a date in the past is no wait, and what is neither form is no Retry-After", (t) => {
  t.is(retryAfterMs("Sat, 05 Dec 2026 09:00:00 GMT", now), 0);
  t.is(retryAfterMs("soon", now), undefined);
  t.is(retryAfterMs("-5", now), undefined);
  t.is(retryAfterMs("", now), undefined);
  t.is(retryAfterMs(undefined, now), undefined);
});
