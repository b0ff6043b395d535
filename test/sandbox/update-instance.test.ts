import test from "ava";
import { MASKED_VALUE } from "../../sandbox/index.js";
import { boxCreateBody, call, createInstance, freshCode, withSandbox } from "../helpers/sandbox-http.js";

const HOOK = "https://app.example.com/hooks/box";

test("PATCH configuration changes only the keys sent", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);
  const before = sandbox.instance(created.id);

  const answer = await call(sandbox, "PATCH", `/instances/${created.id}`, {
    configuration: { "event.notification.enabled": true, "event.notification.callback.url": HOOK },
  });
  t.is(answer.status, 200, answer.text);
  t.true(answer.body.eventsEnabled);
  t.is(answer.body.configuration["event.notification.callback.url"], HOOK);

  const after = sandbox.instance(created.id);
  t.is(after?.configuration["oauth.api.secret"], before?.configuration["oauth.api.secret"]);
  t.is(after?.configuration["oauth.user.token"], before?.configuration["oauth.user.token"]);
  t.deepEqual(after?.tags, before?.tags);
  t.is(after?.name, before?.name);
  t.is(after?.token, before?.token);
});

test("PATCH tags replaces the whole list, and PATCH name renames (sanitized)", async (t) => {
  const sandbox = await withSandbox(t, { tagShape: "strings" });
  const created = await createInstance(t, sandbox, { tags: ["a", "b"] });

  const retagged = await call(sandbox, "PATCH", `/instances/${created.id}`, { tags: ["c"] });
  t.deepEqual(retagged.body.tags, ["c"]);
  const renamed = await call(sandbox, "PATCH", `/instances/${created.id}`, { name: "<b>Renamed</b>" });
  t.is(renamed.body.name, "Renamed");
  t.deepEqual(renamed.body.tags, ["c"]);
  const cleared = await call(sandbox, "PATCH", `/instances/${created.id}`, { tags: [] });
  t.deepEqual(cleared.body.tags, []);
  t.is(sandbox.instance(created.id)?.name, "Renamed");
});

test("PATCH with a fresh grant code re-authenticates the same instance: same id, a new token by default, new access token", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);
  const before = sandbox.instance(created.id);

  const answer = await call(sandbox, "PATCH", `/instances/${created.id}`, { providerData: { code: freshCode() } });
  t.is(answer.status, 200, answer.text);
  t.is(answer.body.id, created.id);
  t.not(answer.body.token, created.token, "tokenOnReauthentication rotate, the strictest default");
  t.is(sandbox.instance(created.id)?.token, answer.body.token);
  t.false("providerData" in answer.body);
  const after = sandbox.instance(created.id);
  t.not(after?.configuration["oauth.user.token"], before?.configuration["oauth.user.token"]);
  t.is(after?.configuration["oauth.user.id"], before?.configuration["oauth.user.id"]);
  t.is(sandbox.instances().length, 1);
});

test("PATCH with a used grant code is refused with 400 and changes nothing", async (t) => {
  const sandbox = await withSandbox(t);
  const code = freshCode();
  const created = await createInstance(t, sandbox, { providerData: { code } });
  const before = sandbox.instance(created.id);

  const answer = await call(sandbox, "PATCH", `/instances/${created.id}`, { name: "new", providerData: { code } });
  t.is(answer.status, 400);
  t.regex(answer.body.message, /invalid_grant/);
  t.deepEqual(sandbox.instance(created.id), before);
});

test("a secret sent back masked is left as it was", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);

  const answer = await call(sandbox, "PATCH", `/instances/${created.id}`, {
    configuration: { ...created.configuration, "filter.response.nulls": "false" },
  });
  t.is(answer.status, 200, answer.text);
  const stored = sandbox.instance(created.id);
  t.is(stored?.configuration["oauth.api.secret"], "box-client-secret-value");
  t.not(stored?.configuration["oauth.user.token"], MASKED_VALUE);
  t.is(stored?.configuration["filter.response.nulls"], "false");
});

test("a PATCH that would leave an invalid instance is refused with 400 and changes nothing", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);
  const before = sandbox.instance(created.id);

  const noUrl = await call(sandbox, "PATCH", `/instances/${created.id}`, {
    configuration: { "event.notification.enabled": true },
  });
  t.is(noUrl.status, 400);
  t.regex(noUrl.body.message, /event\.notification\.callback\.url/);
  const unset = await call(sandbox, "PATCH", `/instances/${created.id}`, {
    name: "ignored",
    configuration: { "oauth.api.key": null },
  });
  t.is(unset.status, 400);
  t.regex(unset.body.message, /oauth\.api\.key/);
  t.is((await call(sandbox, "PATCH", `/instances/${created.id}`, { tags: "prod" })).status, 400);
  t.is((await call(sandbox, "PATCH", `/instances/${created.id}`, { element: { key: "slack" } })).status, 404);
  t.deepEqual(sandbox.instance(created.id), before);
});

test("every write moves updatedDate forward and leaves createdDate alone", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);

  const first = await call(sandbox, "PATCH", `/instances/${created.id}`, { tags: ["x"] });
  const second = await call(sandbox, "PATCH", `/instances/${created.id}`, { tags: ["y"] });
  t.is(first.body.createdDate, created.createdDate);
  t.true(first.body.updatedDate > created.updatedDate);
  t.true(second.body.updatedDate > first.body.updatedDate);
});

test("PATCH and PUT on an unknown id are 404, on a non-numeric id 400", async (t) => {
  const sandbox = await withSandbox(t);
  const missing = await call(sandbox, "PATCH", "/instances/999999", { name: "x" });
  t.is(missing.status, 404);
  t.is(missing.body.message, "No instance found with id 999999");
  t.is((await call(sandbox, "PUT", "/instances/999999", boxCreateBody())).status, 404);
  const bad = await call(sandbox, "PATCH", "/instances/undefined", { name: "x" });
  t.is(bad.status, 400);
  t.regex(bad.body.message, /Invalid instance id "undefined"/);
});

test("PUT replaces name, tags and configuration: keys left out go back to their defaults", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox, {
    tags: ["a"],
    configuration: {
      ...(boxCreateBody().configuration as object),
      "filter.response.nulls": false,
      "events.list.ids": "1,2",
      "event.notification.enabled": true,
      "event.notification.callback.url": HOOK,
    },
  });
  const before = sandbox.instance(created.id);

  const body = boxCreateBody({ name: "Replaced" });
  delete body.providerData;
  delete body.tags;
  const answer = await call(sandbox, "PUT", `/instances/${created.id}`, body);
  t.is(answer.status, 200, answer.text);
  t.is(answer.body.id, created.id);
  t.is(answer.body.name, "Replaced");
  t.deepEqual(answer.body.tags, []);
  const after = sandbox.instance(created.id);
  t.is(after?.configuration["filter.response.nulls"], "true");
  t.is(after?.configuration["event.notification.enabled"], "false");
  t.is(after?.configuration["event.notification.callback.url"], null);
  t.is(after?.configuration["event.notification.subscription.id"], null);
  t.false("events.list.ids" in (after?.configuration ?? {}));
  t.is(after?.configuration["oauth.user.token"], before?.configuration["oauth.user.token"], "not re-authenticated");
  t.is(after?.token, before?.token);
});

test("PUT keeps a secret sent back masked, needs a name, and re-authenticates with a fresh code", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);
  const before = sandbox.instance(created.id);

  const withoutName = await call(sandbox, "PUT", `/instances/${created.id}`, { configuration: created.configuration });
  t.is(withoutName.status, 400);

  const answer = await call(sandbox, "PUT", `/instances/${created.id}`, {
    element: { key: "box" },
    name: created.name,
    configuration: created.configuration,
    providerData: { code: freshCode() },
  });
  t.is(answer.status, 200, answer.text);
  const after = sandbox.instance(created.id);
  t.is(after?.configuration["oauth.api.secret"], "box-client-secret-value");
  t.not(after?.configuration["oauth.user.token"], before?.configuration["oauth.user.token"]);
  t.is(after?.id, created.id);
});
