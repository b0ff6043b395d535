import test from "ava";
import {
  AmplifyApiError,
  AmplifyNetworkError,
  type InstanceCreateBody,
  InstancesClient,
  tagNames,
} from "../../provider/client/index.js";
import { type Sandbox, startSandbox } from "../../sandbox/index.js";
import { clientFor } from "../helpers/client-for.js";

let codes = 0;
function createBody(overrides: Partial<InstanceCreateBody> = {}): InstanceCreateBody {
  codes += 1;
  return {
    element: { key: "box" },
    providerData: { code: `grant-code-${codes}-7bq2Lx9` },
    configuration: {
      "oauth.api.key": "client-id",
      "oauth.api.secret": "client-secret-Vx7Pq2",
      "oauth.callback.url": "https://app.example.com/cb",
    },
    tags: ["prod"],
    name: `instance ${codes}`,
    ...overrides,
  };
}

async function sandboxFor(t: { teardown: (fn: () => Promise<void>) => void }): Promise<Sandbox> {
  const sandbox = await startSandbox();
  t.teardown(() => sandbox.close());
  return sandbox;
}

test("create, get, patch, list and delete round-trip through the API", async (t) => {
  const sandbox = await sandboxFor(t);
  const { client } = clientFor(sandbox);
  const created = await client.create(createBody({ name: "first" }));
  t.true(Number.isInteger(created.id));
  t.is(typeof created.token, "string");
  const id = String(created.id);
  t.is((await client.get(id)).name, "first");
  const patched = await client.patch(id, { tags: ["staging"], configuration: { "filter.response.nulls": false } });
  t.deepEqual(tagNames(patched), ["staging"]);
  t.is(patched.configuration?.["filter.response.nulls"], "false");
  t.deepEqual(
    (await client.list({ tags: ["staging"] })).map((i) => i.id),
    [created.id],
  );
  await client.delete(id);
  const error = await t.throwsAsync(() => client.get(id), { instanceOf: AmplifyApiError });
  t.is(error?.status, 404);
});

test("list follows elements-next-page-token across pages", async (t) => {
  const sandbox = await sandboxFor(t);
  const { client } = clientFor(sandbox);
  for (let index = 0; index < 205; index += 1) {
    await client.create(createBody({ tags: ["bulk"] }));
  }
  const listed = await client.list({ tags: ["bulk"] });
  t.is(listed.length, 205);
  t.is(new Set(listed.map((i) => i.id)).size, 205);
  t.true(sandbox.requests.filter((r) => r.method === "GET").length >= 2);
});

test("list filters by searchText", async (t) => {
  const sandbox = await sandboxFor(t);
  const { client } = clientFor(sandbox);
  await client.create(createBody({ name: "Box prod events" }));
  await client.create(createBody({ name: "Box archive" }));
  t.deepEqual(
    (await client.list({ searchText: "PROD" })).map((i) => i.name),
    ["Box prod events"],
  );
});

test("wrong secrets give a 401 error that names the operation and shows no secret", async (t) => {
  const sandbox = await sandboxFor(t);
  const client = new InstancesClient({
    baseUrl: sandbox.baseUrl,
    userSecret: "wrong-user-secret-123",
    organizationSecret: sandbox.organizationSecret,
    requestTimeoutMs: 2000,
    maxRetries: 0,
  });
  const error = await t.throwsAsync(() => client.list(), { instanceOf: AmplifyApiError });
  t.is(error?.status, 401);
  t.regex(error?.message ?? "", /^list instances failed: GET \/instances answered 401 \(.+; requestId [0-9a-f]+\)$/);
  for (const text of [error?.message, error?.stack, JSON.stringify(error), String(error?.cause)]) {
    t.false((text ?? "").includes("wrong-user-secret-123"));
    t.false((text ?? "").includes(sandbox.organizationSecret));
  }
});

test("a 400 carries AMPLIFY's message and requestId", async (t) => {
  const sandbox = await sandboxFor(t);
  const { client } = clientFor(sandbox);
  const body = createBody();
  body.configuration = { "oauth.api.key": "client-id" };
  const error = await t.throwsAsync(() => client.create(body), { instanceOf: AmplifyApiError });
  t.is(error?.status, 400);
  t.regex(error?.amplifyMessage ?? "", /oauth\.api\.secret/);
  t.regex(error?.requestId ?? "", /^[0-9a-f]{24}$/);
});

test("a reused grant code is refused and the code is not in the message", async (t) => {
  const sandbox = await sandboxFor(t);
  const { client } = clientFor(sandbox);
  const body = createBody();
  await client.create(body);
  const error = await t.throwsAsync(() => client.create({ ...body, name: "again" }), { instanceOf: AmplifyApiError });
  t.is(error?.status, 400);
  t.false((error?.message ?? "").includes(body.providerData?.code ?? "?"));
});

test("GET, PATCH and DELETE are retried on 5xx and 429 with Retry-After", async (t) => {
  const sandbox = await sandboxFor(t);
  const { client, log } = clientFor(sandbox);
  const id = String((await client.create(createBody())).id);
  sandbox.faults.add({ kind: "status503", method: "GET", times: 2 });
  t.is((await client.get(id)).id, Number(id));
  sandbox.faults.add({ kind: "status429", method: "PATCH", retryAfterSeconds: 1 });
  const started = Date.now();
  await client.patch(id, { name: "patched" });
  t.true(Date.now() - started >= 900, "waited for Retry-After");
  sandbox.faults.add({ kind: "status502", method: "PATCH" });
  await client.patch(id, { tags: ["retried"] });
  sandbox.faults.add({ kind: "status500", method: "DELETE" });
  await client.delete(id);
  t.deepEqual(
    log.filter((entry) => entry.method !== "POST").map((entry) => [entry.method, entry.retries]),
    [
      ["GET", 2],
      ["PATCH", 1],
      ["PATCH", 1],
      ["DELETE", 1],
    ],
  );
});

test("POST is never repeated, even on a 503", async (t) => {
  const sandbox = await sandboxFor(t);
  const { client } = clientFor(sandbox);
  sandbox.faults.add({ kind: "status503", method: "POST" });
  const error = await t.throwsAsync(() => client.create(createBody()), { instanceOf: AmplifyApiError });
  t.is(error?.status, 503);
  t.is(sandbox.requests.filter((r) => r.method === "POST").length, 1);
});

test("a re-authenticating PATCH is not repeated: the grant code is single use", async (t) => {
  const sandbox = await sandboxFor(t);
  const { client } = clientFor(sandbox);
  const id = String((await client.create(createBody())).id);
  sandbox.faults.add({ kind: "status503", method: "PATCH" });
  await t.throwsAsync(() => client.patch(id, { providerData: { code: "fresh-grant-code-1" } }));
  t.is(sandbox.requests.filter((r) => r.method === "PATCH").length, 1);
});

test("connection resets and truncated JSON on reads are retried", async (t) => {
  const sandbox = await sandboxFor(t);
  const { client, log } = clientFor(sandbox);
  const id = String((await client.create(createBody())).id);
  sandbox.faults.add({ kind: "resetBeforeHandling", method: "GET" });
  sandbox.faults.add({ kind: "malformedJson", method: "GET" });
  t.is((await client.get(id)).id, Number(id));
  t.is(log.at(-1)?.retries, 2);
});

test("a POST that loses its answer is a network error, not a retry", async (t) => {
  const sandbox = await sandboxFor(t);
  const { client } = clientFor(sandbox);
  sandbox.faults.add({ kind: "resetAfterCommit", method: "POST" });
  const error = await t.throwsAsync(() => client.create(createBody()), { instanceOf: AmplifyNetworkError });
  t.is(error?.code, "ECONNRESET");
  t.is(sandbox.instances().length, 1, "the platform did create it");
});

test("a request that gets no answer times out within the deadline", async (t) => {
  const sandbox = await sandboxFor(t);
  const { client } = clientFor(sandbox, { timeoutMs: 300, retry: { limit: 1 } });
  sandbox.faults.add({ kind: "noAnswer", method: "GET", times: 5 });
  const error = await t.throwsAsync(() => client.get("100001"), { instanceOf: AmplifyNetworkError });
  t.is(error?.code, "ETIMEDOUT");
  t.regex(
    error?.message ?? "",
    /read instance 100001 failed: GET \/instances\/100001: no answer \(ETIMEDOUT, after 1 retries\)/,
  );
});

test("an id that is not a number never reaches the URL", async (t) => {
  const sandbox = await sandboxFor(t);
  const { client } = clientFor(sandbox);
  await t.throwsAsync(() => client.get("../elements"), { message: /instance id must be a decimal number/ });
  t.deepEqual(sandbox.requests, []);
});
