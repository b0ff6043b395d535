import test from "ava";
import { call, callAdmin, createInstance, withSandbox } from "../helpers/sandbox-http.js";

test("every answer carries elements-request-id and is JSON, successes included", async (t) => {
  const sandbox = await withSandbox(t);
  const answer = await call(sandbox, "GET", "/instances");
  t.regex(answer.headers.get("elements-request-id") ?? "", /^[0-9a-f]{24}$/);
  t.is(answer.headers.get("content-type"), "application/json");
  const other = await call(sandbox, "GET", "/instances");
  t.not(other.headers.get("elements-request-id"), answer.headers.get("elements-request-id"));
});

test("an unknown path is a 404 with an error body, a known path with the wrong method a 405", async (t) => {
  const sandbox = await withSandbox(t);
  const unknown = await call(sandbox, "GET", "/hubs/documents/files");
  t.is(unknown.status, 404);
  t.deepEqual(Object.keys(unknown.body).sort(), ["message", "requestId"]);
  t.is(unknown.body.requestId, unknown.headers.get("elements-request-id"));

  const outside = await fetch(`${new URL(sandbox.baseUrl).origin}/instances`);
  t.is(outside.status, 404);

  const wrongMethod = await call(sandbox, "DELETE", "/instances");
  t.is(wrongMethod.status, 405);
  t.is(wrongMethod.headers.get("allow"), "GET, POST");
  t.is((await call(sandbox, "POST", "/instances/1", {})).status, 405);
});

test("a body that is not JSON is a 400, a body of another media type a 415", async (t) => {
  const sandbox = await withSandbox(t);
  const broken = await call(sandbox, "POST", "/instances", undefined, { rawBody: "{not json" });
  t.is(broken.status, 400);
  t.regex(broken.body.message, /not valid JSON/);

  const text = await call(sandbox, "POST", "/instances", undefined, { rawBody: "name=x", contentType: "text/plain" });
  t.is(text.status, 415);

  const array = await call(sandbox, "POST", "/instances", [1, 2]);
  t.is(array.status, 400);
  const empty = await call(sandbox, "POST", "/instances");
  t.is(empty.status, 400);

  const withCharset = await call(sandbox, "PATCH", "/instances/100001", undefined, {
    rawBody: "{}",
    contentType: "application/json; charset=utf-8",
  });
  t.is(withCharset.status, 404, "the media type parameters do not matter; the instance does not exist");
  t.deepEqual(sandbox.instances(), []);
});

test("a body over 1 MiB is refused with 413", async (t) => {
  const sandbox = await withSandbox(t);
  const answer = await call(sandbox, "POST", "/instances", { name: "x".repeat(1024 * 1024) });
  t.is(answer.status, 413);
});

test("latencyMs delays every answer", async (t) => {
  const sandbox = await withSandbox(t, { latencyMs: 1500 });
  const started = performance.now();
  await call(sandbox, "GET", "/instances");
  t.true(performance.now() - started >= 1450);

  // A wide margin on purpose, so that a loaded machine does not fail it.
  const adminStarted = performance.now();
  await callAdmin(sandbox, "GET", "/faults");
  t.true(performance.now() - adminStarted < 1000, "the control routes are not slowed down");
});

test("the sandbox refuses bad options before it listens", async (t) => {
  const { startSandbox } = await import("../../sandbox/index.js");
  await t.throwsAsync(startSandbox({ port: -1 }), { instanceOf: TypeError });
  await t.throwsAsync(startSandbox({ latencyMs: Number.NaN }), { instanceOf: TypeError });
  await t.throwsAsync(startSandbox({ userSecret: "has space" }), { instanceOf: TypeError });
  await t.throwsAsync(startSandbox({ organizationSecret: "a,b" }), { instanceOf: TypeError });
});

test("given secrets are used, and default secrets differ on every start", async (t) => {
  const fixed = await withSandbox(t, { userSecret: "u-secret", organizationSecret: "o-secret" });
  t.is(fixed.authorization, "User u-secret, Organization o-secret");
  t.is((await call(fixed, "GET", "/instances")).status, 200);

  const one = await withSandbox(t);
  const two = await withSandbox(t);
  t.regex(one.userSecret, /^sandbox-user-[0-9a-f]{16}$/);
  t.regex(one.organizationSecret, /^sandbox-organization-[0-9a-f]{16}$/);
  t.not(one.userSecret, two.userSecret);
  t.regex(one.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/elements\/api-v2$/);
  t.is((await call(one, "GET", "/instances", undefined, { authorization: two.authorization })).status, 401);
});

test("two sandboxes share nothing: ids and grant codes are per sandbox", async (t) => {
  const one = await withSandbox(t);
  const two = await withSandbox(t);
  const code = "shared-code";
  const first = await createInstance(t, one, { providerData: { code } });
  const second = await createInstance(t, two, { providerData: { code } });
  t.is(first.id, second.id);
});

test("close() can be called twice", async (t) => {
  const sandbox = await withSandbox(t);
  await sandbox.close();
  await sandbox.close();
  await t.throwsAsync(fetch(`${sandbox.baseUrl}/instances`));
});
