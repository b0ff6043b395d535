/**
 * The serialized provider inside the real dynamic-provider host of @pulumi/pulumi, driven over gRPC as the engine
 * drives it, against the sandbox.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { ExecutionContext } from "ava";
import test from "ava";
import type { BoxInstanceOutputs } from "../provider/mapping/box-instance-state.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "../sandbox/index.js";
import {
  HOST_PROJECT,
  HOST_STACK,
  type Props,
  type ProviderHost,
  ProviderHostCallError,
  type ProviderHostOptions,
  repoRoot,
  startProviderHost,
} from "./helpers/provider-host.js";
import { registeredInputs } from "./helpers/registered-inputs.js";

// ---------------------------------------------------------------------------------------------------------------
// Fixtures

/** What a test gives `new BoxConnectorInstance(...)`; left-out credentials get real-looking values. */
interface ResourceArgs {
  name?: string;
  authorizationCode?: string | undefined;
  oauth?: { apiKey: string; apiSecret: string; callbackUrl: string };
  events?: { enabled?: boolean; callbackUrl?: string; signatureKey?: string };
  tags?: string[];
  configuration?: Record<string, string | number | boolean>;
  adoptInstanceId?: string;
}

/**
 * The inputs the real `BoxConnectorInstance` registers for these args (test/helpers/registered-inputs.ts), as the
 * engine sends them to the host.
 */
function resourceInputs(logicalName: string, args: ResourceArgs = {}): Promise<Props> {
  const { authorizationCode, ...rest } = args;
  return registeredInputs(
    logicalName,
    {
      oauth: {
        apiKey: "box-client-id-0123456789",
        apiSecret: realLookingSecret(),
        callbackUrl: "https://app.example.com/oauth/box/callback",
      },
      ...rest,
      ...("authorizationCode" in args
        ? authorizationCode === undefined
          ? {}
          : { authorizationCode }
        : { authorizationCode: realLookingSecret() }),
    },
    HOST_PROJECT,
    HOST_STACK,
  );
}

function realLookingSecret(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(32)].map((byte) => alphabet[byte % alphabet.length]).join("");
}

function stackConfigFor(sandbox: Sandbox): Record<string, string> {
  return {
    "amplify:baseUrl": sandbox.baseUrl,
    "amplify:userSecret": sandbox.userSecret,
    "amplify:organizationSecret": sandbox.organizationSecret,
  };
}

/** A sandbox and a host for one test, both closed when the test ends. */
async function setUp(
  t: ExecutionContext,
  options: {
    sandbox?: SandboxOptions;
    host?: Omit<ProviderHostOptions, "config">;
    config?: Record<string, string>;
  } = {},
): Promise<{ sandbox: Sandbox; host: ProviderHost }> {
  const sandbox = await startSandbox(options.sandbox);
  t.teardown(() => sandbox.close());
  const host = await startProviderHost({ ...options.host, config: options.config ?? stackConfigFor(sandbox) });
  t.teardown(() => host.close());
  return { sandbox, host };
}

/** Every path in `value` whose string contains `needle`, such as `configuration["x"]` or `token`. */
function pathsContaining(value: unknown, needle: string, at = ""): string[] {
  if (typeof value === "string") {
    return value.includes(needle) ? [at] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => pathsContaining(item, needle, `${at}[${index}]`));
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) =>
      pathsContaining(item, needle, at === "" ? key : `${at}.${key}`),
    );
  }
  return [];
}

const asOutputs = (props: Props) => props as unknown as BoxInstanceOutputs;

// ---------------------------------------------------------------------------------------------------------------
// Tests

test("resources written by the previous release (a serialized shim in __provider) still refresh, update and delete", async (t) => {
  // Outputs keep the __provider of the release that created the resource; read and delete run with that text.
  const previous = readFileSync(path.join(repoRoot(), "test", "fixtures", "previous-release-provider.txt"), "utf8");
  t.true(previous.includes("pulumi-amplify-box/dist/provider/dynamic/instance-operations.js"));
  const { sandbox, host } = await setUp(t);
  const news = await resourceInputs("box-old", {
    events: { enabled: true, callbackUrl: "https://hooks.example.com/box" },
  });
  const checked = await host.check({}, news);
  const created = await host.create({ ...checked.inputs, __provider: previous });
  // What state holds for it: outputs carrying the previous release's text.
  const stored = { ...created.properties, __provider: previous };

  const read = await host.read(created.id, stored);
  t.is(read.id, created.id);
  t.is(read.properties.token, sandbox.instance(Number(created.id))?.token);

  // The next up sends the current text in the inputs; the outputs still carry the previous one.
  const edited = { ...checked.inputs, tags: ["moved"] };
  t.is((await host.diff(created.id, stored, edited)).changes, "some");
  await host.update(created.id, stored, edited);
  t.deepEqual(
    sandbox.instance(Number(created.id))?.tags.filter((tag) => !tag.startsWith("pulumi:")),
    ["moved"],
  );

  await host.delete(created.id, stored);
  t.is(sandbox.instances().length, 0);
});

test("Configure, Check, Create, Read, Diff, Update, Delete run in the real host against the sandbox", async (t) => {
  const { sandbox, host } = await setUp(t);
  t.is(host.configureResult?.acceptSecrets, false, "the host asks the engine to unwrap secrets");

  // Check: fills the auto name and the events default, without a request.
  const news = await resourceInputs("box", {
    events: { enabled: true, callbackUrl: "https://hooks.example.com/box" },
    tags: ["team-a"],
    configuration: { "filter.response.nulls": true },
  });
  const checked = await host.check({}, news);
  t.deepEqual(checked.failures, []);
  t.is(typeof checked.inputs.name, "string");
  const name = String(checked.inputs.name);
  t.regex(name, /^box-[0-9a-f]{7}$/);
  t.deepEqual(sandbox.requests, []);
  // A second check with the first one's inputs as olds keeps the name (plans stay stable).
  t.is((await host.check(checked.inputs, news)).inputs.name, name);

  // Create: a decimal id, the token, and the instance in the sandbox.
  const created = await host.create(checked.inputs);
  t.regex(created.id, /^\d+$/);
  const outs = asOutputs(created.properties);
  const stored = sandbox.instance(Number(created.id));
  if (stored === undefined) {
    t.fail(`the sandbox has no instance ${created.id}`);
    return;
  }
  t.is(typeof outs.token, "string");
  t.true(outs.token.length > 0);
  t.is(outs.token, stored.token);
  t.is(outs.name, name);
  t.is(stored.name, name);
  const oauth = news.oauth as { apiKey: string; apiSecret: string; callbackUrl: string };
  t.like(stored.configuration, {
    "oauth.api.key": oauth.apiKey,
    "oauth.api.secret": oauth.apiSecret,
    "oauth.callback.url": oauth.callbackUrl,
    "event.notification.enabled": "true",
    "event.notification.callback.url": "https://hooks.example.com/box",
    "filter.response.nulls": "true",
  });
  t.deepEqual(
    [...stored.tags].sort(),
    ["team-a", `pulumi:${HOST_PROJECT}/${HOST_STACK}/box`, `pulumi:${HOST_PROJECT}/${HOST_STACK}`].sort(),
  );
  t.deepEqual(outs.tags, ["team-a"]);
  t.is(outs.configuration["event.notification.enabled"], "true");
  t.false(JSON.stringify(outs).includes(oauth.apiSecret), "the client secret is not in the outputs, as a value or key");
  t.is(outs.configuration["oauth.api.secret"], undefined);

  // Read: the same outputs, and inputs that match the program.
  const read = await host.read(created.id, created.properties);
  t.is(read.id, created.id);
  t.deepEqual(read.properties, created.properties);
  t.like(read.inputs, {
    name,
    events: { enabled: true, callbackUrl: "https://hooks.example.com/box" },
    tags: ["team-a"],
  });

  // Diff: nothing changed, then an edited events.callbackUrl updates in place.
  t.deepEqual(await host.diff(created.id, read.properties, checked.inputs), {
    changes: "none",
    replaces: [],
    deleteBeforeReplace: false,
  });
  const edited = {
    ...checked.inputs,
    events: { ...(checked.inputs.events as object), callbackUrl: "https://hooks.example.com/box-v2" },
  };
  const diff = await host.diff(created.id, read.properties, edited);
  t.is(diff.changes, "some");
  t.deepEqual(diff.replaces, []);

  // Update: one PATCH carrying only the changed key.
  sandbox.clearRequests();
  const updated = await host.update(created.id, read.properties, edited);
  const writes = sandbox.requests.filter((request) => request.method !== "GET");
  t.is(writes.length, 1, JSON.stringify(writes));
  t.like(writes[0], { method: "PATCH", path: `/elements/api-v2/instances/${created.id}`, status: 200 });
  t.deepEqual(writes[0]?.body, {
    configuration: { "event.notification.callback.url": "https://hooks.example.com/box-v2" },
  });
  t.is(
    asOutputs(updated.properties).configuration["event.notification.callback.url"],
    "https://hooks.example.com/box-v2",
  );
  t.is(asOutputs(updated.properties).token, stored.token);
  t.is(
    sandbox.instance(Number(created.id))?.configuration["event.notification.callback.url"],
    "https://hooks.example.com/box-v2",
  );
  t.is((await host.diff(created.id, updated.properties, edited)).changes, "none");

  // Delete: the sandbox is empty.
  await host.delete(created.id, updated.properties);
  t.deepEqual(sandbox.instances(), []);
  t.is(host.exitCode, undefined, "the host is still running");
  t.is(host.stderr, "", "the host printed no error");
});

test("check without credentials fails naming amplify:userSecret and AMPLIFY_USER_SECRET, and makes no request", async (t) => {
  const sandbox = await startSandbox();
  t.teardown(() => sandbox.close());
  const { host } = await setUp(t, { config: { "amplify:baseUrl": sandbox.baseUrl } });

  const checked = await host.check({}, await resourceInputs("box"));
  const reasons = checked.failures.map((failure) => failure.reason).join("\n");
  t.true(checked.failures.length > 0);
  for (const way of [
    "amplify:userSecret",
    "AMPLIFY_USER_SECRET",
    "amplify:organizationSecret",
    "AMPLIFY_ORGANIZATION_SECRET",
  ]) {
    t.true(reasons.includes(way), `no failure names ${way}: ${reasons}`);
  }
  // Create fails the same way, before any request.
  const error = await t.throwsAsync(host.create(checked.inputs), { instanceOf: ProviderHostCallError });
  t.true(error?.details.includes("AMPLIFY_USER_SECRET"), error?.details);
  t.deepEqual(sandbox.requests, []);
});

test("check failures name the property (events.callbackUrl) and no request is made", async (t) => {
  const { sandbox, host } = await setUp(t);

  const missing = await host.check({}, await resourceInputs("box", { events: { enabled: true } }));
  t.deepEqual(
    missing.failures.map((failure) => failure.property),
    ["events.callbackUrl"],
  );
  t.regex(missing.failures[0]?.reason ?? "", /required when events are enabled/);

  const wrong = await host.check(
    {},
    await resourceInputs("box", {
      oauth: { apiKey: "box-client-id", apiSecret: realLookingSecret(), callbackUrl: "not a url" },
      events: { enabled: true, callbackUrl: "ftp://hooks.example.com/box" },
      configuration: { "oauth.api.key": "clash" },
    }),
  );
  t.deepEqual(wrong.failures.map((failure) => failure.property).sort(), [
    'configuration["oauth.api.key"]',
    "events.callbackUrl",
    "oauth.callbackUrl",
  ]);
  t.regex(wrong.failures.find((failure) => failure.property === "events.callbackUrl")?.reason ?? "", /http\(s\) URL/);
  t.deepEqual(sandbox.requests, []);
});

test("no secret appears in any output but token, nor in the host's stdout/stderr", async (t) => {
  const secrets = {
    userSecret: realLookingSecret(),
    organizationSecret: realLookingSecret(),
    apiSecret: realLookingSecret(),
    signatureKey: realLookingSecret(),
    authorizationCode: realLookingSecret(),
    rotatedApiSecret: realLookingSecret(),
    rotatedSignatureKey: realLookingSecret(),
    rotatedAuthorizationCode: realLookingSecret(),
  };
  // AMPLIFY_DEBUG: the provider logs every request to stderr, which the scan then covers.
  const { sandbox, host } = await setUp(t, {
    sandbox: { userSecret: secrets.userSecret, organizationSecret: secrets.organizationSecret },
    host: { env: { AMPLIFY_DEBUG: "1" } },
  });
  const oauth = { apiKey: "box-client-id", apiSecret: secrets.apiSecret, callbackUrl: "https://app.example.com/cb" };
  const events = { enabled: true, callbackUrl: "https://hooks.example.com/box", signatureKey: secrets.signatureKey };

  const answers: Array<{ what: string; value: unknown }> = [];
  const checked = await host.check(
    {},
    await resourceInputs("box", { authorizationCode: secrets.authorizationCode, oauth, events }),
  );
  t.deepEqual(checked.failures, []);
  const created = await host.create(checked.inputs);
  answers.push({ what: "Create", value: created });
  const token = sandbox.instance(Number(created.id))?.token ?? "";
  t.true(token.length > 0);
  const read = await host.read(created.id, created.properties);
  answers.push({ what: "Read", value: read });

  // Rotate every secret input: apiSecret and signatureKey by PATCH, a new grant code re-authenticates.
  const rotated = (
    await host.check(
      checked.inputs,
      await resourceInputs("box", {
        authorizationCode: secrets.rotatedAuthorizationCode,
        oauth: { ...oauth, apiSecret: secrets.rotatedApiSecret },
        events: { ...events, signatureKey: secrets.rotatedSignatureKey },
      }),
    )
  ).inputs;
  const diff = await host.diff(created.id, read.properties, rotated);
  answers.push({ what: "Diff", value: diff });
  t.is(diff.changes, "some");
  t.deepEqual(diff.replaces, []);
  const updated = await host.update(created.id, read.properties, rotated);
  answers.push({ what: "Update", value: updated });
  t.is(sandbox.instance(Number(created.id))?.configuration["oauth.api.secret"], secrets.rotatedApiSecret);
  // The update re-authenticated, and the default sandbox hands out a new instance token then.
  const rotatedToken = sandbox.instance(Number(created.id))?.token ?? "missing";
  t.not(rotatedToken, token);
  answers.push({ what: "Read after update", value: await host.read(created.id, updated.properties) });

  // An error path: a second resource with the grant code already used gets AMPLIFY's 400.
  const reused = await host.check(
    {},
    await resourceInputs("other", { authorizationCode: secrets.authorizationCode, oauth }),
  );
  const error = await t.throwsAsync(host.create(reused.inputs), { instanceOf: ProviderHostCallError });
  answers.push({ what: "Create error", value: error?.message });
  // The message reaches the engine whole: operation, method, path, status, AMPLIFY's message and requestId.
  t.regex(
    error?.details ?? "",
    /^create instance "other-[0-9a-f]{7}" failed: POST \/instances answered 400 \(.+; requestId \w+\)$/,
  );

  await host.delete(created.id, updated.properties);
  t.deepEqual(sandbox.instances(), []);
  t.regex(host.stderr, /amplify: (POST|PATCH|GET|DELETE) /, "AMPLIFY_DEBUG logs reach stderr");

  for (const { what, value } of answers) {
    for (const [name, secret] of Object.entries(secrets)) {
      t.deepEqual(pathsContaining(value, secret), [], `${what} answer holds the ${name}`);
    }
  }
  for (const properties of [created.properties, read.properties]) {
    t.is(properties.token, token);
  }
  t.is(updated.properties.token, rotatedToken, "the outputs carry the token the re-authentication handed out");
  t.deepEqual(pathsContaining(created, token), ["properties.token"]);
  t.deepEqual(pathsContaining(read, token), ["properties.token"], "read's inputs must not carry the token");
  t.deepEqual(pathsContaining(updated, rotatedToken), ["properties.token"]);
  t.deepEqual(pathsContaining(updated, token), [], "the old token is gone");
  t.deepEqual(pathsContaining(diff, token), []);
  t.deepEqual(pathsContaining(error?.message, token), []);
  for (const [stream, text] of [
    ["stdout", host.stdout],
    ["stderr", host.stderr],
  ] as const) {
    for (const [name, secret] of Object.entries({ ...secrets, token, rotatedToken })) {
      t.false(text.includes(secret), `the host's ${stream} holds the ${name}`);
    }
  }
});

test("read of an instance deleted out of band returns an empty id", async (t) => {
  const { sandbox, host } = await setUp(t);
  const checked = await host.check({}, await resourceInputs("box"));
  const created = await host.create(checked.inputs);

  // Someone deletes it in the AMPLIFY console.
  const response = await fetch(`${sandbox.baseUrl}/instances/${created.id}`, {
    method: "DELETE",
    headers: { Authorization: sandbox.authorization },
  });
  t.is(response.status, 200);
  t.deepEqual(sandbox.instances(), []);

  const read = await host.read(created.id, created.properties);
  t.is(read.id, "");
  t.is(read.inputs, undefined);
  // Delete of what is already gone succeeds (a 404 counts as deleted).
  await t.notThrowsAsync(host.delete(created.id, created.properties));
});
