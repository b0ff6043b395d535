import test from "ava";
import { MASKED_VALUE } from "../../sandbox/index.js";
import { boxCreateBody, call, createInstance, freshCode, withSandbox } from "../helpers/sandbox-http.js";

test("a created instance comes back whole: numeric id, token, string configuration, nulls, masked client id and secrets, tag objects", async (t) => {
  const sandbox = await withSandbox(t);
  const answer = await call(sandbox, "POST", "/instances", boxCreateBody({ name: "Box prod", tags: ["prod"] }));

  t.is(answer.status, 200);
  t.is(answer.headers.get("content-type"), "application/json");
  const instance = answer.body;
  t.is(typeof instance.id, "number");
  t.regex(instance.token, /^[A-Za-z0-9+/]{43}=$/);
  t.is(instance.name, "Box prod");
  t.regex(instance.createdDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  t.is(instance.updatedDate, instance.createdDate);
  t.deepEqual(instance.element, {
    id: 22,
    name: "Box",
    key: "box",
    hub: "documents",
    authentication: { type: "oauth2" },
  });
  t.is(instance.elementId, 22);
  t.true(instance.valid);
  t.false(instance.disabled);
  t.deepEqual(instance.tags, [{ id: 12, name: "prod" }], "the strictest default: tags as {id, name}");
  t.false(instance.eventsEnabled);
  t.false(instance.traceLoggingEnabled);
  t.false(instance.cachingEnabled);
  t.is(instance.maxCacheSize, 0);
  t.is(instance.cacheTimeToLive, 0);
  t.is(instance.externalAuthentication, "none");
  t.deepEqual(instance.user, { id: 1234567 });
  t.false("providerData" in instance);

  const configuration = instance.configuration;
  t.is(configuration["oauth.api.key"], MASKED_VALUE, "the strictest default masks the client id too");
  t.is(configuration["oauth.api.secret"], MASKED_VALUE);
  t.is(configuration["oauth.user.token"], MASKED_VALUE);
  t.is(configuration["oauth.user.refresh_token"], MASKED_VALUE);
  t.regex(configuration["oauth.user.id"], /^\d{9}$/);
  t.is(configuration["filter.response.nulls"], "true");
  t.is(configuration["event.notification.enabled"], "false");
  t.is(configuration["event.notification.callback.url"], null);
  t.is(configuration["event.notification.signature.key"], null, "an unset secret is null, not masked");
  t.is(configuration["event.notification.subscription.id"], null);
  t.is(typeof configuration["event.metadata"], "string");
  for (const value of Object.values(configuration)) {
    t.true(value === null || typeof value === "string");
  }
});

test("the store keeps the secrets in clear and the instance reads back by id as it was created", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);

  const read = await call(sandbox, "GET", `/instances/${created.id}`);
  t.is(read.status, 200);
  t.deepEqual(read.body, created);
  const stored = sandbox.instance(created.id);
  t.is(stored?.configuration["oauth.api.secret"], "box-client-secret-value");
  t.is(stored?.token, created.token);
  t.regex(stored?.configuration["oauth.user.token"] ?? "", /^[A-Za-z0-9]{20,}$/);
});

test("booleans and numbers are stored as strings, and keys Box does not define pass through", async (t) => {
  const sandbox = await withSandbox(t);
  const body = boxCreateBody();
  const instance = await createInstance(t, sandbox, {
    configuration: {
      ...(body.configuration as object),
      "filter.response.nulls": false,
      "events.list.ids": 42,
      "event.notification.enabled": "TRUE",
      "event.notification.callback.url": "https://app.example.com/hooks/box",
    },
  });

  t.is(instance.configuration["filter.response.nulls"], "false");
  t.is(instance.configuration["events.list.ids"], "42");
  t.is(instance.configuration["event.notification.enabled"], "true");
  t.true(instance.eventsEnabled);
});

test("events on give a webhook subscription id; events on without an http(s) callback URL are refused", async (t) => {
  const sandbox = await withSandbox(t);
  const base = boxCreateBody().configuration as Record<string, unknown>;
  const withEvents = await createInstance(t, sandbox, {
    configuration: {
      ...base,
      "event.notification.enabled": true,
      "event.notification.callback.url": "https://app.example.com/hooks/box",
      "event.notification.signature.key": "hmac-key",
    },
  });
  t.regex(withEvents.configuration["event.notification.subscription.id"], /^\d+$/);
  t.is(withEvents.configuration["event.notification.signature.key"], MASKED_VALUE);

  for (const url of [undefined, "", "ftp://example.com/hook", "not a url"]) {
    const answer = await call(
      sandbox,
      "POST",
      "/instances",
      boxCreateBody({
        configuration: {
          ...base,
          "event.notification.enabled": true,
          ...(url === undefined ? {} : { "event.notification.callback.url": url }),
        },
      }),
    );
    t.is(answer.status, 400, String(url));
    t.regex(answer.body.message, /event\.notification\.callback\.url must be an http\(s\) URL/);
  }
  t.is(sandbox.instances().length, 1);
});

test("missing required configuration is refused with 400 naming every missing key", async (t) => {
  const sandbox = await withSandbox(t);
  const answer = await call(
    sandbox,
    "POST",
    "/instances",
    boxCreateBody({ configuration: { "oauth.api.key": "id", "oauth.api.secret": "" } }),
  );

  t.is(answer.status, 400);
  t.regex(answer.body.message, /oauth\.api\.secret/);
  t.regex(answer.body.message, /oauth\.callback\.url/);
  t.notRegex(answer.body.message, /oauth\.api\.key/);
  t.regex(answer.body.requestId, /^[0-9a-f]{24}$/);
  t.deepEqual(sandbox.instances(), []);
});

test("a create without a name, or with a name that is only HTML, is refused with 400", async (t) => {
  const sandbox = await withSandbox(t);
  const body = boxCreateBody();
  delete body.name;
  const missing = await call(sandbox, "POST", "/instances", body);
  t.is(missing.status, 400);
  t.regex(missing.body.message, /name is required/);

  const empty = await call(sandbox, "POST", "/instances", boxCreateBody({ name: "<b></b>" }));
  t.is(empty.status, 400);
  t.deepEqual(sandbox.instances(), []);
});

test("HTML is stripped from the instance name and the tags", async (t) => {
  const sandbox = await withSandbox(t);
  const instance = await createInstance(t, sandbox, {
    name: '<a href="#" onClick="javascript:alert(\'xss\');return false;">churros-xss</a>',
    tags: ["<i>prod</i>", "prod", "eu"],
  });

  t.is(instance.name, "churros-xss");
  t.deepEqual(sandbox.instance(instance.id)?.tags, ["prod", "eu"], "sanitized and de-duplicated");
});

test("a create without a grant code or a refresh token is refused with 400", async (t) => {
  const sandbox = await withSandbox(t);
  const body = boxCreateBody();
  delete body.providerData;

  const answer = await call(sandbox, "POST", "/instances", body);
  t.is(answer.status, 400);
  t.regex(answer.body.message, /providerData\.code/);
  t.regex(answer.body.message, /oauth\.user\.refresh_token/);

  const blankCode = await call(sandbox, "POST", "/instances", boxCreateBody({ providerData: { code: " " } }));
  t.is(blankCode.status, 400);
  t.deepEqual(sandbox.instances(), []);
});

test("a reused grant code is refused with 400 and the instance is not created", async (t) => {
  const sandbox = await withSandbox(t);
  const code = freshCode();
  await createInstance(t, sandbox, { providerData: { code } });

  const again = await call(sandbox, "POST", "/instances", boxCreateBody({ providerData: { code } }));
  t.is(again.status, 400);
  t.regex(again.body.message, /^Failed to retrieve the OAuth access token: invalid_grant/);
  t.is(typeof again.body.providerMessage, "string");
  t.is(again.body.requestId, again.headers.get("elements-request-id"));
  t.is(sandbox.instances().length, 1);
});

test("a create refused for its configuration does not spend its grant code", async (t) => {
  const sandbox = await withSandbox(t);
  const code = freshCode();
  const refused = await call(
    sandbox,
    "POST",
    "/instances",
    boxCreateBody({ providerData: { code }, configuration: {} }),
  );
  t.is(refused.status, 400);

  await createInstance(t, sandbox, { providerData: { code } });
  t.is(sandbox.instances().length, 1);
});

test("an instance provisioned from an existing refresh token has externalAuthentication initial", async (t) => {
  const sandbox = await withSandbox(t);
  const body = boxCreateBody({ externalAuthentication: "initial" });
  delete body.providerData;
  body.configuration = { ...(body.configuration as object), "oauth.user.refresh_token": "existing-refresh-token" };

  const answer = await call(sandbox, "POST", "/instances", body);
  t.is(answer.status, 200, answer.text);
  t.is(answer.body.externalAuthentication, "initial");
  t.is(answer.body.configuration["oauth.user.refresh_token"], MASKED_VALUE);

  const withoutToken = boxCreateBody({ externalAuthentication: "initial" });
  delete withoutToken.providerData;
  const refused = await call(sandbox, "POST", "/instances", withoutToken);
  t.is(refused.status, 400);
  t.regex(refused.body.message, /oauth\.user\.refresh_token/);

  const both = boxCreateBody({ externalAuthentication: "initial" });
  both.configuration = body.configuration;
  t.is((await call(sandbox, "POST", "/instances", both)).status, 400, "a code and a refresh token at once");
});

test("an element other than box is refused with 404, and a body without element with 400", async (t) => {
  const sandbox = await withSandbox(t);
  const other = await call(sandbox, "POST", "/instances", boxCreateBody({ element: { key: "dropbox" } }));
  t.is(other.status, 404);
  t.regex(other.body.message, /No element found with key 'dropbox'/);

  const body = boxCreateBody();
  delete body.element;
  t.is((await call(sandbox, "POST", "/instances", body)).status, 400);
  t.deepEqual(sandbox.instances(), []);
});

test("configuration values that are objects, and non-boolean switches, are refused with 400", async (t) => {
  const sandbox = await withSandbox(t);
  const base = boxCreateBody().configuration as Record<string, unknown>;
  const nested = await call(
    sandbox,
    "POST",
    "/instances",
    boxCreateBody({ configuration: { ...base, "events.list.ids": { a: 1 } } }),
  );
  t.is(nested.status, 400);
  t.regex(nested.body.message, /events\.list\.ids/);

  const notBoolean = await call(
    sandbox,
    "POST",
    "/instances",
    boxCreateBody({ configuration: { ...base, "event.notification.enabled": "yes" } }),
  );
  t.is(notBoolean.status, 400);
  t.regex(notBoolean.body.message, /must be true or false/);
});

test("with masking none the secrets come back in clear, as in the 2017 example", async (t) => {
  const sandbox = await withSandbox(t, { masking: "none" });
  const instance = await createInstance(t, sandbox);

  t.is(instance.configuration["oauth.api.secret"], "box-client-secret-value");
  t.not(instance.configuration["oauth.user.token"], MASKED_VALUE);
});

test("ids count up from 100001 and are not reused after a delete", async (t) => {
  const sandbox = await withSandbox(t);
  const first = await createInstance(t, sandbox);
  const second = await createInstance(t, sandbox);
  await call(sandbox, "DELETE", `/instances/${second.id}`);
  const third = await createInstance(t, sandbox);

  t.is(first.id, 100001);
  t.is(second.id, 100002);
  t.is(third.id, 100003);
  t.not(first.token, second.token);
});
