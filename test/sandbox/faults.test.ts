import test from "ava";
import { boxCreateBody, call, createInstance, withSandbox } from "../helpers/sandbox-http.js";

for (const [kind, status] of [
  ["status500", 500],
  ["status502", 502],
  ["status503", 503],
  ["status429", 429],
] as const) {
  test(`a ${kind} fault answers ${status} with an error body and creates nothing`, async (t) => {
    const sandbox = await withSandbox(t);
    sandbox.faults.add({ kind, method: "POST", path: "/instances" });

    const answer = await call(sandbox, "POST", "/instances", boxCreateBody());
    t.is(answer.status, status);
    t.regex(answer.body.message, new RegExp(kind));
    t.is(answer.body.requestId, answer.headers.get("elements-request-id"));
    t.is(answer.headers.get("retry-after"), null);
    t.deepEqual(sandbox.instances(), []);
    t.deepEqual(sandbox.faults.pending, [], "used up after one request");
    t.is((await call(sandbox, "POST", "/instances", boxCreateBody())).status, 200);
  });
}

test("429 and 503 faults carry Retry-After when asked to, 500 never does", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.faults.add({ kind: "status429", retryAfterSeconds: 3 });
  sandbox.faults.add({ kind: "status503", retryAfterSeconds: 1.2 });
  sandbox.faults.add({ kind: "status500", retryAfterSeconds: 3 });

  t.is((await call(sandbox, "GET", "/instances")).headers.get("retry-after"), "3");
  t.is((await call(sandbox, "GET", "/instances")).headers.get("retry-after"), "2");
  const serverError = await call(sandbox, "GET", "/instances");
  t.is(serverError.status, 500);
  t.is(serverError.headers.get("retry-after"), null);
});

test("a fault hits only the method and path it names, as many times as asked", async (t) => {
  const sandbox = await withSandbox(t);
  const instance = await createInstance(t, sandbox);
  sandbox.faults.add({ kind: "status503", method: "get", path: "/instances/{id}", times: 2 });

  t.is((await call(sandbox, "GET", "/instances")).status, 200, "another path");
  t.is((await call(sandbox, "GET", `/instances/${instance.id}/configuration`)).status, 200, "{id} is one segment");
  t.is((await call(sandbox, "PATCH", `/instances/${instance.id}`, { tags: [] })).status, 200, "another method");
  t.is((await call(sandbox, "GET", `/instances/${instance.id}`)).status, 503);
  t.deepEqual(sandbox.faults.pending, [{ kind: "status503", method: "GET", path: "/instances/{id}", times: 1 }]);
  t.is((await call(sandbox, "GET", `/instances/${instance.id}`)).status, 503);
  t.is((await call(sandbox, "GET", `/instances/${instance.id}`)).status, 200);
});

test("a path ending in * matches everything under it, and the base path prefix is accepted", async (t) => {
  const sandbox = await withSandbox(t);
  const instance = await createInstance(t, sandbox);
  sandbox.faults.add({ kind: "status500", path: "/elements/api-v2/instances/*", times: Number.POSITIVE_INFINITY });

  t.is((await call(sandbox, "GET", "/instances")).status, 500);
  t.is((await call(sandbox, "GET", `/instances/${instance.id}`)).status, 500);
  t.is((await call(sandbox, "GET", `/instances/${instance.id}/configuration`)).status, 500);
  t.is(sandbox.faults.pending[0]?.times, Number.POSITIVE_INFINITY);
  sandbox.faults.clear();
  t.is((await call(sandbox, "GET", "/instances")).status, 200);
});

test("resetBeforeHandling drops the connection and does nothing", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.faults.add({ kind: "resetBeforeHandling", method: "POST" });

  const error = await t.throwsAsync(call(sandbox, "POST", "/instances", boxCreateBody()));
  t.is((error?.cause as { code?: string } | undefined)?.code, "ECONNRESET", "a real reset, not a clean close");
  t.deepEqual(sandbox.instances(), []);
  t.is(sandbox.requests[0]?.status, 0);
});

test("resetAfterCommit stores the instance, then drops the connection without an answer", async (t) => {
  // Duplicate names allowed, so that the replay reaches the grant code instead of stopping at the name (409).
  const sandbox = await withSandbox(t, { duplicateNames: "allow" });
  sandbox.faults.add({ kind: "resetAfterCommit", method: "POST", path: "/instances" });
  const body = boxCreateBody({ name: "committed", tags: ["urn-marker"] });

  await t.throwsAsync(call(sandbox, "POST", "/instances", body));
  const stored = sandbox.instances();
  t.is(stored.length, 1);
  t.is(stored[0]?.name, "committed");
  t.is(sandbox.requests[0]?.status, 0);

  const list = await call(sandbox, "GET", "/instances?tags[]=urn-marker");
  t.is(list.body.length, 1, "a client can find what it created");
  const replay = await call(sandbox, "POST", "/instances", body);
  t.is(replay.status, 400, "replaying the create hits the spent grant code");
});

test("resetAfterCommit on a PATCH and a DELETE commits them too", async (t) => {
  const sandbox = await withSandbox(t);
  const instance = await createInstance(t, sandbox);
  sandbox.faults.add({ kind: "resetAfterCommit", method: "PATCH" });
  sandbox.faults.add({ kind: "resetAfterCommit", method: "DELETE" });

  await t.throwsAsync(call(sandbox, "PATCH", `/instances/${instance.id}`, { name: "renamed" }));
  t.is(sandbox.instance(instance.id)?.name, "renamed");
  await t.throwsAsync(call(sandbox, "DELETE", `/instances/${instance.id}`));
  t.deepEqual(sandbox.instances(), []);
});

test("noAnswer neither acts nor answers, and does not hold close() up", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.faults.add({ kind: "noAnswer", method: "POST", times: 2 });

  await t.throwsAsync(call(sandbox, "POST", "/instances", boxCreateBody(), { signal: AbortSignal.timeout(150) }), {
    any: true,
  });
  t.deepEqual(sandbox.instances(), []);

  const hanging = call(sandbox, "POST", "/instances", boxCreateBody());
  hanging.catch(() => undefined);
  while (sandbox.requests.length < 2) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // A close() held up by the open connection would hang here until ava's timeout.
  await sandbox.close();
  await t.throwsAsync(hanging, undefined, "the client sees the connection go");
  t.deepEqual(
    sandbox.requests.map((request) => request.status),
    [0, 0],
  );
});

test("malformedJson acts, then answers a truncated body", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.faults.add({ kind: "malformedJson", method: "POST" });

  const answer = await call(sandbox, "POST", "/instances", boxCreateBody());
  t.is(answer.status, 200);
  t.is(answer.body, undefined);
  t.true(answer.text.startsWith('{"id":'));
  t.throws(() => JSON.parse(answer.text));
  t.is(sandbox.instances().length, 1);
});

test("a latency fault delays one answer by its latencyMs", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.faults.add({ kind: "latency", latencyMs: 1500, method: "GET" });

  // Wide margins on purpose: the second answer has no added latency, so it beats the first by far even on a
  // loaded machine.
  let started = performance.now();
  t.is((await call(sandbox, "GET", "/instances")).status, 200);
  t.true(performance.now() - started >= 1450);
  started = performance.now();
  await call(sandbox, "GET", "/instances");
  t.true(performance.now() - started < 1000);
});

test("a latency fault acts before it waits: a client that gives up has still created the instance", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.faults.add({ kind: "latency", latencyMs: 3000, method: "POST" });

  await t.throwsAsync(call(sandbox, "POST", "/instances", boxCreateBody(), { signal: AbortSignal.timeout(1000) }), {
    any: true,
  });
  t.is(sandbox.instances().length, 1);
});

test("a request takes the first matching rule only", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.faults.add({ kind: "status502", method: "GET" });
  sandbox.faults.add({ kind: "status503" });

  t.is((await call(sandbox, "GET", "/instances")).status, 502);
  t.is((await call(sandbox, "GET", "/instances")).status, 503);
  t.is((await call(sandbox, "GET", "/instances")).status, 200);
});

test("bad rules are refused with a TypeError naming the field", (t) => {
  return withSandbox(t).then((sandbox) => {
    const add = (rule: unknown) => () => sandbox.faults.add(rule as never);
    t.throws(add({ kind: "explode" }), { instanceOf: TypeError, message: /kind/ });
    t.throws(add({ kind: "status500", times: 0 }), { instanceOf: TypeError, message: /times/ });
    t.throws(add({ kind: "status500", path: "instances" }), { instanceOf: TypeError, message: /path/ });
    t.throws(add({ kind: "latency" }), { instanceOf: TypeError, message: /latencyMs/ });
    t.throws(add({ kind: "status429", retryAfterSeconds: -1 }), {
      instanceOf: TypeError,
      message: /retryAfterSeconds/,
    });
    t.deepEqual(sandbox.faults.pending, []);
  });
});
