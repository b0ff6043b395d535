import test from "ava";
import { boxCreateBody, call, createInstance, withSandbox } from "../helpers/sandbox-http.js";

test("every API request is recorded in order with method, path, query, status, body and time", async (t) => {
  const sandbox = await withSandbox(t);
  const before = Date.now();
  const body = boxCreateBody();
  const created = await call(sandbox, "POST", "/instances", body);
  await call(sandbox, "GET", "/instances?tags[]=a&tags[]=b&searchText=x");
  await call(sandbox, "GET", "/nowhere", undefined, { authorization: null });

  const [post, list, missing] = sandbox.requests;
  t.is(sandbox.requests.length, 3);
  t.like(post, { method: "POST", path: "/elements/api-v2/instances", status: 200, body });
  t.deepEqual(post?.query, {});
  t.is(post?.requestId, created.headers.get("elements-request-id") ?? "missing");
  t.true((post?.at ?? 0) >= before);
  t.like(list, { method: "GET", status: 200, body: undefined });
  t.deepEqual(list?.query, { "tags[]": ["a", "b"], searchText: "x" });
  t.like(missing, { path: "/elements/api-v2/nowhere", status: 404 });
});

test("refused and faulted requests are recorded too, with status 0 when nothing was answered", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.faults.add({ kind: "status503" });
  sandbox.faults.add({ kind: "resetBeforeHandling" });
  await call(sandbox, "GET", "/instances");
  await t.throwsAsync(call(sandbox, "GET", "/instances"));
  await call(sandbox, "GET", "/instances", undefined, { authorization: "User x, Organization y" });

  t.deepEqual(
    sandbox.requests.map((request) => request.status),
    [503, 0, 401],
  );
});

test("clearRequests empties the log, and the log a test holds does not change under it", async (t) => {
  const sandbox = await withSandbox(t);
  await createInstance(t, sandbox);
  const held = sandbox.requests;
  sandbox.clearRequests();
  t.deepEqual(sandbox.requests, []);
  t.is(held.length, 1);

  await call(sandbox, "GET", "/instances");
  t.is(sandbox.requests.length, 1);
  t.is(held.length, 1);
});

test("a body that is not JSON is recorded as undefined", async (t) => {
  const sandbox = await withSandbox(t);
  await call(sandbox, "POST", "/instances", undefined, { rawBody: "{broken" });
  t.is(sandbox.requests[0]?.body, undefined);
  t.is(sandbox.requests[0]?.status, 400);
});

test("onRequestServed hears of every API request with its duration, and requestLogLimit keeps the newest", async (t) => {
  const heard: string[] = [];
  const sandbox = await withSandbox(t, {
    requestLogLimit: 2,
    onRequestServed: (request, durationMs) => {
      t.true(durationMs >= 0);
      heard.push(`${request.method} ${request.status}`);
    },
  });
  sandbox.faults.add({ kind: "resetAfterCommit", method: "POST" });
  await t.throwsAsync(call(sandbox, "POST", "/instances", boxCreateBody()));
  await call(sandbox, "GET", "/instances");
  await call(sandbox, "DELETE", "/instances/1");

  t.deepEqual(heard, ["POST 0", "GET 200", "DELETE 404"]);
  t.deepEqual(
    sandbox.requests.map((request) => request.method),
    ["GET", "DELETE"],
  );
});
