import test, { type ExecutionContext } from "ava";
import type { BoxInstanceInputs, BoxInstanceOutputs } from "../../provider/mapping/box-instance-state.js";
import { type Sandbox, startSandbox } from "../../sandbox/index.js";
import { boxInputs, secretValues } from "../helpers/box-inputs.js";
import { checkAndCreate, configureFor, provider } from "../helpers/provider-session.js";
import { call, callAdmin, createInstance } from "../helpers/sandbox-http.js";

async function withSandbox(t: { teardown: (fn: () => Promise<void>) => void }) {
  const sandbox = await startSandbox();
  t.teardown(() => sandbox.close());
  await configureFor(sandbox);
  return sandbox;
}

const writes = <T extends { method: string }>(requests: readonly T[]) => requests.filter((r) => r.method !== "GET");

test.serial("create posts the seed's body shape and records id, token and configuration", async (t) => {
  const sandbox = await withSandbox(t);
  const { id, outs } = await checkAndCreate(boxInputs());
  const post = sandbox.requests.find((r) => r.method === "POST");
  t.deepEqual(post?.body, {
    element: { key: "box" },
    providerData: { code: secretValues().authorizationCode },
    configuration: {
      "oauth.callback.url": "https://app.example.com/oauth/box",
      "oauth.api.key": "client-id-a",
      "oauth.api.secret": secretValues().apiSecret,
      "event.notification.enabled": true,
      "event.notification.callback.url": "https://app.example.com/hooks/box",
      "event.notification.signature.key": secretValues().signatureKey,
    },
    tags: ["prod", "team-a", "pulumi:test/dev/box-a", "pulumi:test/dev"],
    name: "Box a events",
  });
  t.regex(id, /^\d+$/);
  t.is(outs.token, sandbox.instance(Number(id))?.token ?? "missing");
  t.deepEqual(outs.tags, ["prod", "team-a"]);
  t.is(outs.configuration["event.notification.callback.url"], "https://app.example.com/hooks/box");
  t.is(outs.configuration["oauth.api.secret"], undefined, "secrets are kept as digests only");
  t.is(outs.configuration["event.notification.enabled"], "true");
  t.deepEqual(Object.keys(outs.secretDigests ?? {}).sort(), ["apiSecret", "authorizationCode", "signatureKey"]);
});

test.serial("read maps strings back and a refresh with no drift plans no change", async (t) => {
  await withSandbox(t);
  const { id, outs, inputs } = await checkAndCreate(boxInputs());
  const read = await provider.read(id, outs);
  t.is(read?.id, id);
  const refreshed = read?.props as BoxInstanceOutputs;
  t.deepEqual(refreshed, outs, "a read with nothing changed records the same");
  t.deepEqual((await provider.diff(id, refreshed, inputs))?.changes, false);
  t.deepEqual((read.inputs as Partial<BoxInstanceInputs>).events, {
    enabled: true,
    callbackUrl: "https://app.example.com/hooks/box",
  });
});

test.serial("each in-place input updates the same instance with a PATCH of only what changed", async (t) => {
  const sandbox = await withSandbox(t);
  const { id, outs, inputs } = await checkAndCreate(boxInputs({ configuration: { "filter.response.nulls": true } }));
  const edits: Array<[string, Partial<BoxInstanceInputs>, Record<string, unknown>]> = [
    ["name", { name: "Renamed" }, { name: "Renamed" }],
    ["tags", { tags: ["staging"] }, { tags: ["staging", "pulumi:test/dev/box-a", "pulumi:test/dev"] }],
    [
      "events.callbackUrl",
      { events: { ...inputs.events, callbackUrl: "https://new.example.com/h" } },
      { configuration: { "event.notification.callback.url": "https://new.example.com/h" } },
    ],
    [
      "oauth.callbackUrl",
      { oauth: { ...inputs.oauth, callbackUrl: "https://new.example.com/cb" } },
      { configuration: { "oauth.callback.url": "https://new.example.com/cb" } },
    ],
    [
      "configuration",
      { configuration: { "filter.response.nulls": false } },
      { configuration: { "filter.response.nulls": false } },
    ],
  ];
  let olds = outs;
  let news = inputs;
  for (const [label, edit, expectedPatch] of edits) {
    news = { ...news, ...edit };
    const diff = await provider.diff(id, olds, news);
    t.true(diff?.changes, label);
    t.deepEqual(diff?.replaces, [], label);
    sandbox.clearRequests();
    const updated = await provider.update(id, olds, news);
    olds = updated?.outs as BoxInstanceOutputs;
    t.deepEqual(
      writes(sandbox.requests).map((r) => [r.method, r.path, r.body]),
      [["PATCH", `/elements/api-v2/instances/${id}`, expectedPatch]],
      label,
    );
    t.false((await provider.diff(id, olds, news))?.changes, `${label} settles`);
  }
  const stored = sandbox.instance(Number(id));
  t.is(stored?.name, "Renamed");
  t.is(sandbox.instances().length, 1);
});

test.serial("a new grant code re-authenticates the same instance", async (t) => {
  const sandbox = await withSandbox(t);
  const { id, outs, inputs } = await checkAndCreate(boxInputs());
  const news = { ...inputs, authorizationCode: "fresh-code-0123456789" };
  sandbox.clearRequests();
  const updated = await provider.update(id, outs, news);
  t.deepEqual(writes(sandbox.requests)[0]?.body, { providerData: { code: "fresh-code-0123456789" } });
  t.is((updated.outs as BoxInstanceOutputs).name, outs.name);
  t.is(sandbox.instances().length, 1);
});

test.serial("delete removes the instance, and deleting it again counts as done", async (t) => {
  const sandbox = await withSandbox(t);
  const { id, outs } = await checkAndCreate(boxInputs());
  await provider.delete(id, outs);
  t.deepEqual(sandbox.instances(), []);
  await t.notThrowsAsync(() => provider.delete(id, outs));
});

test.serial("drift made in the console shows in diff after read, and update puts it back", async (t) => {
  const sandbox = await withSandbox(t);
  const { id, outs, inputs } = await checkAndCreate(boxInputs());
  const console = await call(sandbox, "PATCH", `/instances/${id}`, {
    configuration: { "event.notification.callback.url": "https://console.example.com/x" },
  });
  t.is(console.status, 200);
  const read = await provider.read(id, outs);
  const refreshed = read?.props as BoxInstanceOutputs;
  t.is(refreshed.configuration["event.notification.callback.url"], "https://console.example.com/x");
  t.true((await provider.diff(id, refreshed, inputs))?.changes);
  await provider.update(id, refreshed, inputs);
  t.is(
    sandbox.instance(Number(id))?.configuration["event.notification.callback.url"],
    "https://app.example.com/hooks/box",
  );
});

test.serial("an instance deleted out of band reads as gone", async (t) => {
  const sandbox = await withSandbox(t);
  const { id, outs } = await checkAndCreate(boxInputs());
  await call(sandbox, "DELETE", `/instances/${id}`);
  t.deepEqual(await provider.read(id, outs), { id: "" });
});

/** An instance made in the console with `apiKey`, and the inputs that adopt it (no grant code). */
async function consoleInstanceToAdopt(t: ExecutionContext, sandbox: Sandbox, apiKey: string, callbackUrl: string) {
  const existing = await createInstance(t, sandbox, {
    configuration: { "oauth.api.key": apiKey, "oauth.api.secret": "old", "oauth.callback.url": callbackUrl },
    name: "Made in the console",
  });
  const inputs = boxInputs({ adoptInstanceId: String(existing.id) });
  delete inputs.authorizationCode;
  return { existing, inputs };
}

/** An instance made in the console that already holds everything the adopting inputs ask for. */
async function matchingConsoleInstance(t: ExecutionContext, sandbox: Sandbox) {
  const made = await consoleInstanceToAdopt(t, sandbox, "client-id-a", "https://app.example.com/oauth/box");
  const { inputs } = made;
  await call(sandbox, "PATCH", `/instances/${made.existing.id}`, {
    name: inputs.name,
    tags: inputs.tags,
    configuration: {
      "oauth.api.secret": inputs.oauth.apiSecret,
      "event.notification.enabled": true,
      "event.notification.callback.url": inputs.events?.callbackUrl,
      "event.notification.signature.key": inputs.events?.signatureKey,
    },
  });
  return made;
}

test.serial("adoption takes over an existing instance without creating one", async (t) => {
  const sandbox = await withSandbox(t);
  const { existing, inputs } = await consoleInstanceToAdopt(t, sandbox, "client-id-a", "https://old.example.com");
  sandbox.clearRequests();
  const { id, outs } = await checkAndCreate(inputs);
  t.is(id, String(existing.id));
  t.false(sandbox.requests.some((r) => r.method === "POST"));
  t.is(sandbox.instances().length, 1);
  t.is(outs.name, "Box a events");
  t.deepEqual(outs.tags, ["prod", "team-a"]);
  t.is(
    sandbox.instance(existing.id)?.configuration["event.notification.callback.url"],
    "https://app.example.com/hooks/box",
  );
});

test.serial("adopting an instance that matches writes nothing, on a platform that masks the client id", async (t) => {
  const sandbox = await withSandbox(t);
  const { existing, inputs } = await matchingConsoleInstance(t, sandbox);
  sandbox.clearRequests();
  const { outs } = await checkAndCreate(inputs);
  t.deepEqual(
    sandbox.requests.map((r) => `${r.method} ${r.path}`),
    [`GET /elements/api-v2/instances/${existing.id}`],
  );
  t.is(outs.configuration["oauth.api.key"], "client-id-a", "the masked client id is taken to be the inputs'");
  t.deepEqual(outs.tags, inputs.tags);
  t.is(outs.ownershipTag, undefined, "the ownership tags wait for the first write");
  const plan = await provider.diff(existing.id.toString(), outs, inputs);
  t.false(plan.changes, "and their absence is no change of its own");
});

test.serial("removing adoptInstanceId after an adoption that wrote nothing plans nothing", async (t) => {
  const sandbox = await withSandbox(t);
  const { existing, inputs } = await matchingConsoleInstance(t, sandbox);
  const { outs } = await checkAndCreate(inputs);
  const { adoptInstanceId: _removed, ...withoutAdopt } = inputs;
  t.false((await provider.diff(String(existing.id), outs, withoutAdopt)).changes);
});

test.serial("an adoptInstanceId that names another element's instance is refused", async (t) => {
  const sandbox = await withSandbox(t);
  const dropbox = await callAdmin(sandbox, "POST", "/instances", { element: "dropbox", name: "Dropbox (finance)" });
  const inputs = boxInputs({ adoptInstanceId: String(dropbox.body.id) });
  delete inputs.authorizationCode;
  await t.throwsAsync(() => checkAndCreate(inputs), { message: /is a dropbox instance, not a Box one/ });
  t.deepEqual(writes(sandbox.requests), []);
});

test.serial("the first write to an adopted instance adds its ownership tags", async (t) => {
  const sandbox = await withSandbox(t);
  const { existing, inputs } = await consoleInstanceToAdopt(t, sandbox, "client-id-a", "https://old.example.com");
  await checkAndCreate(inputs);
  t.deepEqual(sandbox.instance(existing.id)?.tags, [
    ...(inputs.tags ?? []),
    "pulumi:test/dev/box-a",
    "pulumi:test/dev",
  ]);
});

test.serial("an instance another resource owns is not adopted", async (t) => {
  const sandbox = await withSandbox(t);
  const { id } = await checkAndCreate(boxInputs({ ownershipTag: "pulumi:other/prod/box-a" }));
  sandbox.clearRequests();
  const inputs = boxInputs({ adoptInstanceId: id });
  delete inputs.authorizationCode;
  await t.throwsAsync(() => checkAndCreate(inputs), {
    message: `adoptInstanceId "${id}": instance ${id} ("Box a events") is managed by pulumi:other/prod/box-a, another Pulumi resource; adopt it there, or remove it from that stack first`,
  });
  t.deepEqual(
    sandbox.requests.map((r) => r.method),
    ["GET"],
  );
});

test.serial("adopting an id that does not exist says so", async (t) => {
  await withSandbox(t);
  const inputs = boxInputs({ adoptInstanceId: "999999" });
  await t.throwsAsync(() => checkAndCreate(inputs), { message: /adoptInstanceId "999999": AMPLIFY has no instance/ });
});

test.serial("invalid inputs fail in check and make no request", async (t) => {
  const sandbox = await withSandbox(t);
  const result = await provider.check({} as BoxInstanceInputs, boxInputs({ events: { enabled: true } }));
  t.deepEqual(
    result?.failures?.map((f) => f.property),
    ["events.callbackUrl"],
  );
  t.deepEqual(sandbox.requests, []);
});

test.serial("a reused grant code fails create with AMPLIFY's message and creates nothing", async (t) => {
  const sandbox = await withSandbox(t);
  await checkAndCreate(boxInputs({ ownershipTag: "pulumi:test/dev/one" }));
  const error = await t.throwsAsync(() =>
    checkAndCreate(boxInputs({ ownershipTag: "pulumi:test/dev/two", name: "Two" })),
  );
  t.regex(
    error?.message ?? "",
    /create instance "Two" failed: POST \/instances answered 400 \(.*requestId [0-9a-f]+\)/,
  );
  t.false((error?.message ?? "").includes(secretValues().authorizationCode));
  t.is(sandbox.instances().length, 1);
});

test.serial("a refresh token provisions without a grant code, and a new one is set in place", async (t) => {
  const sandbox = await withSandbox(t);
  const inputs = boxInputs({ refreshToken: "box-refresh-token-Lq82kdP0zX" });
  delete inputs.authorizationCode;
  const { id, outs } = await checkAndCreate(inputs);
  const post = sandbox.requests.find((r) => r.method === "POST")?.body as Record<string, unknown>;
  t.is(post.externalAuthentication, "initial");
  t.is(post.providerData, undefined);
  t.is((post.configuration as Record<string, unknown>)["oauth.user.refresh_token"], "box-refresh-token-Lq82kdP0zX");
  t.is(typeof outs.secretDigests?.refreshToken, "string", "its digest, for diff");
  t.false(JSON.stringify(outs).includes("box-refresh-token-Lq82kdP0zX"));

  t.false((await provider.diff(id, outs, inputs)).changes);
  const rotated = { ...inputs, refreshToken: "box-refresh-token-rotated-99" };
  sandbox.clearRequests();
  await provider.update(id, outs, rotated);
  t.deepEqual(writes(sandbox.requests)[0]?.body, {
    configuration: { "oauth.user.refresh_token": "box-refresh-token-rotated-99" },
  });
  t.is(sandbox.instances().length, 1);
});

test.serial("a grant code and a refresh token together are refused in check", async (t) => {
  const sandbox = await withSandbox(t);
  const result = await provider.check({} as BoxInstanceInputs, boxInputs({ refreshToken: "box-refresh-token-x1" }));
  t.deepEqual(
    result.failures?.map((f) => f.property),
    ["refreshToken"],
  );
  t.deepEqual(sandbox.requests, []);
});

/** An instance left by a create that crashed after the platform made it: it carries the ownership tags. */
async function orphanOf(t: ExecutionContext, sandbox: Sandbox, code: string): Promise<number> {
  const orphan = await createInstance(t, sandbox, {
    providerData: { code },
    configuration: {
      "oauth.api.key": "client-id-a",
      "oauth.api.secret": "s",
      "oauth.callback.url": "https://x.example.com",
    },
    tags: ["pulumi:test/dev/box-a", "pulumi:test/dev"],
    name: "Box a events",
  });
  return orphan.id;
}

test.serial("a create after a crash takes over the orphan whose grant code it spent", async (t) => {
  const sandbox = await withSandbox(t);
  const orphan = await orphanOf(t, sandbox, secretValues().authorizationCode);
  const { id } = await checkAndCreate(boxInputs());
  t.is(id, String(orphan));
  t.deepEqual(
    sandbox.instances().map((instance) => instance.id),
    [orphan],
  );
  t.is(sandbox.instance(orphan)?.configuration["event.notification.callback.url"], "https://app.example.com/hooks/box");
});

test.serial("a create after a crash with a new grant code takes over the orphan and makes nothing new", async (t) => {
  const sandbox = await withSandbox(t);
  const orphan = await orphanOf(t, sandbox, "code-spent-by-the-crashed-run");
  const { id } = await checkAndCreate(boxInputs());
  t.is(sandbox.requests.filter((request) => request.method === "POST").length, 1, "only the crashed run's POST");
  t.is(id, String(orphan));
  t.deepEqual(
    sandbox.instances().map((instance) => instance.id),
    [orphan],
  );
});
