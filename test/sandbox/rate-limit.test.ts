import test from "ava";
import { SlidingWindowLimiter } from "../../sandbox/faults/rate-limiter.js";
import { boxCreateBody, call, withSandbox } from "../helpers/sandbox-http.js";

test("past the rate limit requests get 429 with Retry-After and are not acted on", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.faults.rateLimit(3);

  const answers = await Promise.all(
    Array.from({ length: 5 }, () => call(sandbox, "POST", "/instances", boxCreateBody())),
  );
  const statuses = answers.map((answer) => answer.status).sort();
  t.deepEqual(statuses, [200, 200, 200, 429, 429]);
  const refused = answers.find((answer) => answer.status === 429);
  t.is(refused?.headers.get("retry-after"), "1");
  t.regex(refused?.body.message ?? "", /Rate limit/);
  t.is(sandbox.instances().length, 3);
});

test("the rate limit frees up after a second, and can be lifted", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.faults.rateLimit(1, 7);

  t.is((await call(sandbox, "GET", "/instances")).status, 200);
  const refused = await call(sandbox, "GET", "/instances");
  t.is(refused.status, 429);
  t.is(refused.headers.get("retry-after"), "7", "the configured Retry-After wins");
  await new Promise((resolve) => setTimeout(resolve, 1000));
  t.is((await call(sandbox, "GET", "/instances")).status, 200);

  sandbox.faults.rateLimit(undefined);
  const burst = await Promise.all(Array.from({ length: 5 }, () => call(sandbox, "GET", "/instances")));
  t.true(burst.every((answer) => answer.status === 200));
});

test("clear() lifts the rate limit as well as the rules", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.faults.rateLimit(1);
  await call(sandbox, "GET", "/instances");
  sandbox.faults.clear();
  t.is((await call(sandbox, "GET", "/instances")).status, 200);
});

test("the limiter admits n per sliding second and says how long until a slot frees", (t) => {
  const limiter = new SlidingWindowLimiter(2);
  t.deepEqual(limiter.admit(0), { admitted: true });
  t.deepEqual(limiter.admit(400), { admitted: true });
  t.deepEqual(limiter.admit(500), { admitted: false, retryAfterSeconds: 1 });
  t.deepEqual(limiter.admit(1000), { admitted: true }, "the first slot is free again");
  t.deepEqual(limiter.admit(1100), { admitted: false, retryAfterSeconds: 1 });
  t.deepEqual(limiter.admit(1400), { admitted: true });
  t.throws(() => new SlidingWindowLimiter(0), { instanceOf: TypeError });
  t.throws(() => new SlidingWindowLimiter(1.5), { instanceOf: TypeError });
});
