import test from "ava";
import { call, callAdmin, createInstance, withSandbox } from "../helpers/sandbox-http.js";

test("GET /__sandbox/instances shows the store unmasked, without Authorization", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);

  const answer = await callAdmin(sandbox, "GET", "/instances");
  t.is(answer.status, 200);
  t.deepEqual(answer.body, sandbox.instances());
  t.is(answer.body[0].id, created.id);
  t.is(answer.body[0].configuration["oauth.api.secret"], "box-client-secret-value");
});

test("DELETE /__sandbox/instances wipes the store, and ids keep counting", async (t) => {
  const sandbox = await withSandbox(t);
  await createInstance(t, sandbox);
  await createInstance(t, sandbox);

  const answer = await callAdmin(sandbox, "DELETE", "/instances");
  t.deepEqual(answer.body, { deleted: 2 });
  t.deepEqual(sandbox.instances(), []);
  t.is((await createInstance(t, sandbox)).id, 100003);
});

test("POST /__sandbox/instances adds another team's connector, which the API lists beside Box", async (t) => {
  const sandbox = await withSandbox(t);
  const box = await createInstance(t, sandbox);
  const added = await callAdmin(sandbox, "POST", "/instances", {
    element: "dropbox",
    name: "Dropbox (finance)",
    tags: ["finance"],
    configuration: { "oauth.api.key": "dropbox-app" },
  });
  t.is(added.status, 200, added.text);
  const listed = await call(sandbox, "GET", "/instances");
  t.deepEqual(
    listed.body.map((instance: { id: number; element: { key: string } }) => [instance.id, instance.element.key]),
    [
      [box.id, "box"],
      [added.body.id, "dropbox"],
    ],
  );
  t.like(listed.body[1].tags[0], { name: "finance" }, "tags in the shape this platform answers");
  t.is(listed.body[1].configuration["oauth.api.key"], "********", "masked as this platform masks a client id");

  const refused = await callAdmin(sandbox, "POST", "/instances", { element: "box", name: "x" });
  t.is(refused.status, 400);
  t.regex(refused.body.message, /element must be one of dropbox, googledrive, sfdc, slack/);
});

test("fault rules can be added, listed and cleared over HTTP, Infinity included", async (t) => {
  const sandbox = await withSandbox(t);

  const added = await callAdmin(sandbox, "POST", "/faults", [
    { kind: "status503", method: "GET", path: "/instances", retryAfterSeconds: 2 },
    { kind: "status500", method: "DELETE", times: "Infinity" },
  ]);
  t.is(added.status, 200, added.text);
  t.deepEqual(added.body.rules, [
    { kind: "status503", method: "GET", path: "/instances", times: 1, retryAfterSeconds: 2 },
    { kind: "status500", method: "DELETE", times: "Infinity" },
  ]);
  t.is(sandbox.faults.pending[1]?.times, Number.POSITIVE_INFINITY);

  const faulted = await call(sandbox, "GET", "/instances");
  t.is(faulted.status, 503);
  t.is(faulted.headers.get("retry-after"), "2");
  t.is((await callAdmin(sandbox, "GET", "/faults")).body.rules.length, 1);

  const cleared = await callAdmin(sandbox, "DELETE", "/faults");
  t.deepEqual(cleared.body, { rules: [], rateLimit: null });
  t.deepEqual(sandbox.faults.pending, []);
});

test("a bad rule over HTTP is a 400 and adds none of the batch", async (t) => {
  const sandbox = await withSandbox(t);
  const answer = await callAdmin(sandbox, "POST", "/faults", [{ kind: "status500" }, { kind: "nope" }]);
  t.is(answer.status, 400);
  t.regex(answer.body.message, /kind/);
  t.deepEqual(sandbox.faults.pending, []);
});

test("the rate limit can be set and lifted over HTTP", async (t) => {
  const sandbox = await withSandbox(t);
  const set = await callAdmin(sandbox, "PUT", "/rate-limit", { requestsPerSecond: 1, retryAfterSeconds: 2 });
  t.deepEqual(set.body.rateLimit, { requestsPerSecond: 1, retryAfterSeconds: 2 });
  await call(sandbox, "GET", "/instances");
  t.is((await call(sandbox, "GET", "/instances")).status, 429);

  t.is((await callAdmin(sandbox, "PUT", "/rate-limit", { requestsPerSecond: 0 })).status, 400);
  const lifted = await callAdmin(sandbox, "DELETE", "/rate-limit");
  t.is(lifted.body.rateLimit, null);
  t.is((await call(sandbox, "GET", "/instances")).status, 200);
});

test("the request log can be read and emptied over HTTP, and control calls are not in it", async (t) => {
  const sandbox = await withSandbox(t);
  await call(sandbox, "GET", "/instances?searchText=x");

  const log = await callAdmin(sandbox, "GET", "/requests");
  t.is(log.body.length, 1);
  t.is(log.body[0].path, "/elements/api-v2/instances");
  await callAdmin(sandbox, "DELETE", "/requests");
  t.deepEqual(sandbox.requests, []);
});

test("control routes answer 404 and 405 like the API, and describe themselves", async (t) => {
  const sandbox = await withSandbox(t);
  t.is((await callAdmin(sandbox, "GET", "/nothing")).status, 404);
  t.is((await callAdmin(sandbox, "PATCH", "/faults")).status, 405);
  const index = await callAdmin(sandbox, "GET", "");
  t.is(index.status, 200);
  t.is(index.body.api, "/elements/api-v2");
  t.true(index.body.routes.length > 0);
});

test("faults and the rate limit never touch the control routes", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.faults.add({ kind: "resetBeforeHandling", times: Number.POSITIVE_INFINITY });
  sandbox.faults.rateLimit(1);
  for (let index = 0; index < 3; index += 1) {
    t.is((await callAdmin(sandbox, "GET", "/faults")).status, 200);
  }
});
