import test from "ava";
import { MASKED_VALUE, PLATFORM_VARIANT_CHOICES, STRICTEST_PLATFORM, startSandbox } from "../../sandbox/index.js";
import { boxCreateBody, call, createInstance, freshCode, withSandbox } from "../helpers/sandbox-http.js";

const baseConfiguration = boxCreateBody().configuration as Record<string, unknown>;

/** Each switch that differs between platform versions, as a client sees it on the wire. */

test("the defaults are the strictest documented behaviour of every switch", (t) => {
  t.deepEqual(STRICTEST_PLATFORM, {
    masking: "client-id-and-secrets",
    tagShape: "objects",
    platformKeys: "shown",
    tokenOnReauthentication: "rotate",
    putOmittedKeys: "reset",
    duplicateNames: "reject",
  });
});

test("a switch given a value it does not have is refused before anything listens", async (t) => {
  await t.throwsAsync(startSandbox({ masking: "some" as never }), {
    instanceOf: TypeError,
    message: 'masking must be one of client-id-and-secrets, secrets, none; got "some"',
  });
});

for (const masking of PLATFORM_VARIANT_CHOICES.masking) {
  test(`masking ${masking}: create, read and list answer the same masked values`, async (t) => {
    const sandbox = await withSandbox(t, { masking });
    const created = await createInstance(t, sandbox, {
      configuration: {
        ...baseConfiguration,
        "event.notification.enabled": true,
        "event.notification.callback.url": "https://hooks.example.com/box",
        "event.notification.signature.key": "signature-key-value",
      },
    });
    const read = (await call(sandbox, "GET", `/instances/${created.id}`)).body;
    const [listed] = (await call(sandbox, "GET", "/instances")).body;
    const expectClientId = masking === "client-id-and-secrets" ? MASKED_VALUE : "box-client-id";
    const expectSecret = masking === "none" ? "box-client-secret-value" : MASKED_VALUE;
    for (const answer of [created, read, listed]) {
      t.is(answer.configuration["oauth.api.key"], expectClientId);
      t.is(answer.configuration["oauth.api.secret"], expectSecret);
      t.is(
        answer.configuration["event.notification.signature.key"],
        masking === "none" ? "signature-key-value" : MASKED_VALUE,
      );
      t.is(answer.configuration["oauth.callback.url"], "https://app.example.com/oauth/box", "never masked");
      t.is(answer.configuration["event.notification.callback.url"], "https://hooks.example.com/box");
    }
    t.is(sandbox.instance(created.id)?.configuration["oauth.api.key"], "box-client-id", "the store keeps the value");
  });
}

test("masking client-id-and-secrets: a client id sent back masked keeps its value; with masking none it is stored as sent", async (t) => {
  const strict = await withSandbox(t);
  const created = await createInstance(t, strict);
  const patched = await call(strict, "PATCH", `/instances/${created.id}`, {
    configuration: { "oauth.api.key": MASKED_VALUE, "oauth.callback.url": "https://new.example.com/cb" },
  });
  t.is(patched.status, 200, patched.text);
  t.is(strict.instance(created.id)?.configuration["oauth.api.key"], "box-client-id");

  const clear = await withSandbox(t, { masking: "none" });
  const plain = await createInstance(t, clear);
  await call(clear, "PATCH", `/instances/${plain.id}`, { configuration: { "oauth.api.key": MASKED_VALUE } });
  t.is(clear.instance(plain.id)?.configuration["oauth.api.key"], MASKED_VALUE, "that platform masks nothing");
});

test("tagShape objects answers {id, name} with one id per name; strings answers the names", async (t) => {
  const objects = await withSandbox(t);
  const first = await createInstance(t, objects, { tags: ["prod", "eu"] });
  const second = await createInstance(t, objects, { name: "second", tags: ["eu"] });
  t.deepEqual(first.tags, [
    { id: 12, name: "prod" },
    { id: 13, name: "eu" },
  ]);
  t.deepEqual(second.tags, [{ id: 13, name: "eu" }], "the same name keeps its id");
  const filtered = await call(objects, "GET", "/instances?tags[]=eu");
  t.deepEqual(
    filtered.body.map((instance: { id: number }) => instance.id),
    [first.id, second.id],
    "the tag filter takes names whatever the answer's shape",
  );

  const strings = await withSandbox(t, { tagShape: "strings" });
  t.deepEqual((await createInstance(t, strings, { tags: ["prod", "eu"] })).tags, ["prod", "eu"]);
});

test("platformKeys shown answers every key with null for unset ones; hidden answers only what a client set", async (t) => {
  const shown = await withSandbox(t, { masking: "none" });
  const full = (await createInstance(t, shown)).configuration;
  t.is(full["event.notification.callback.url"], null);
  t.is(full["event.notification.subscription.id"], null);
  t.is(full["filter.response.nulls"], "true");
  t.is(typeof JSON.parse(full["event.metadata"]).webhook, "object", "event.metadata is a JSON string");
  t.regex(full["oauth.user.id"], /^\d{9}$/);
  t.is(typeof full["oauth.user.token"], "string");

  const hidden = await withSandbox(t, { masking: "none", platformKeys: "hidden" });
  const created = await createInstance(t, hidden);
  t.deepEqual(Object.keys(created.configuration).sort(), ["oauth.api.key", "oauth.api.secret", "oauth.callback.url"]);
  const patched = await call(hidden, "PATCH", `/instances/${created.id}`, {
    configuration: {
      "event.notification.enabled": true,
      "event.notification.callback.url": "https://hooks.example.com/box",
      "filter.response.nulls": false,
    },
  });
  t.is(patched.body.configuration["event.notification.enabled"], "true");
  t.is(patched.body.configuration["filter.response.nulls"], "false", "a platform key a client set is shown");
  t.false("event.notification.subscription.id" in patched.body.configuration);
  const unset = await call(hidden, "PATCH", `/instances/${created.id}`, {
    configuration: { "event.notification.enabled": false, "event.notification.callback.url": null },
  });
  t.false("event.notification.callback.url" in unset.body.configuration, "an unset key is left out, not null");
  t.is(hidden.instance(created.id)?.configuration["event.notification.callback.url"], null);
});

test("tokenOnReauthentication keep: a fresh grant code leaves the instance token as it was", async (t) => {
  const sandbox = await withSandbox(t, { tokenOnReauthentication: "keep" });
  const created = await createInstance(t, sandbox);
  const answer = await call(sandbox, "PATCH", `/instances/${created.id}`, { providerData: { code: freshCode() } });
  t.is(answer.status, 200, answer.text);
  t.is(answer.body.token, created.token);
  const renamed = await call(sandbox, "PATCH", `/instances/${created.id}`, { name: "renamed" });
  t.is(renamed.body.token, created.token);
});

test("tokenOnReauthentication rotate: only a re-authentication changes the token, and the old one stops working", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);
  const renamed = await call(sandbox, "PATCH", `/instances/${created.id}`, { name: "renamed" });
  t.is(renamed.body.token, created.token, "a plain update keeps the token");
  const answer = await call(sandbox, "PATCH", `/instances/${created.id}`, { providerData: { code: freshCode() } });
  t.not(answer.body.token, created.token);
  const withOld = await call(sandbox, "GET", `/instances/${created.id}`, undefined, {
    authorization: `${sandbox.authorization}, Element ${created.token}`,
  });
  t.is(withOld.status, 401);
});

test("putOmittedKeys reset returns omitted keys to their defaults; keep leaves them", async (t) => {
  const body = (extra: Record<string, unknown>) => {
    const put = boxCreateBody({ name: "put" });
    delete put.providerData;
    return { ...put, configuration: { ...baseConfiguration, ...extra } };
  };
  const setUp = async (sandbox: Awaited<ReturnType<typeof withSandbox>>) => {
    const created = await createInstance(t, sandbox, {
      configuration: {
        ...baseConfiguration,
        "event.notification.enabled": true,
        "event.notification.callback.url": "https://hooks.example.com/box",
        "custom.pass.through": "kept?",
      },
    });
    const answer = await call(sandbox, "PUT", `/instances/${created.id}`, body({}));
    t.is(answer.status, 200, answer.text);
    return sandbox.instance(created.id)?.configuration;
  };
  const reset = await setUp(await withSandbox(t));
  t.is(reset?.["event.notification.enabled"], "false");
  t.is(reset?.["event.notification.callback.url"], null);
  t.false("custom.pass.through" in (reset ?? {}));
  const kept = await setUp(await withSandbox(t, { putOmittedKeys: "keep" }));
  t.is(kept?.["event.notification.enabled"], "true");
  t.is(kept?.["event.notification.callback.url"], "https://hooks.example.com/box");
  t.is(kept?.["custom.pass.through"], "kept?");
});

test("duplicateNames allow lets two instances share a name; reject (the default) answers 409", async (t) => {
  const allow = await withSandbox(t, { duplicateNames: "allow" });
  await createInstance(t, allow, { name: "same" });
  await createInstance(t, allow, { name: "same" });
  t.is(allow.instances().length, 2);

  const reject = await withSandbox(t);
  await createInstance(t, reject, { name: "same" });
  const refused = await call(reject, "POST", "/instances", boxCreateBody({ name: "same" }));
  t.is(refused.status, 409);
});
