import { readdir, readFile } from "node:fs/promises";
import * as path from "node:path";
import test from "ava";
import { secretValues } from "../helpers/box-inputs.js";
import { e2eFixture, writesIn } from "../helpers/e2e-stack.js";
import { call, createInstance } from "../helpers/sandbox-http.js";

/**
 * The whole path users take: the real Pulumi CLI runs the root program on a desired-state file, against the
 * sandbox, through the Automation API. Each test owns its sandbox and stack.
 */

const secrets = secretValues("e2e");

function desiredState(options: { webhook?: string; tags?: string[]; name?: string; adopt?: string } = {}): string {
  return [
    "defaults:",
    "  oauth:",
    "    apiKey: e2e-client-id",
    "    apiSecret: { secret: boxClientSecret }",
    "    callbackUrl: https://app.example.com/oauth/box",
    "instances:",
    "  prod-events:",
    `    name: ${options.name ?? "Box prod events"}`,
    options.adopt === undefined
      ? "    authorization: { code: { secret: boxAuthCode } }"
      : `    adopt: "${options.adopt}"`,
    "    events:",
    "      enabled: true",
    `      callbackUrl: ${options.webhook ?? "https://app.example.com/hooks/box"}`,
    "      signatureKey: { secret: boxWebhookKey }",
    `    tags: [${(options.tags ?? ["prod"]).join(", ")}]`,
    "",
  ].join("\n");
}

const secretConfig = {
  "amplify-box:boxClientSecret": { value: secrets.apiSecret, secret: true },
  "amplify-box:boxAuthCode": { value: secrets.authorizationCode, secret: true },
  "amplify-box:boxWebhookKey": { value: secrets.signatureKey, secret: true },
};

test("preview of an empty stack lists the creates and writes nothing", async (t) => {
  const { sandbox, local } = await e2eFixture(t, { desiredState: desiredState(), config: secretConfig });
  const preview = await local.stack.preview({ color: "never" });
  t.is(preview.changeSummary.create, 2, "the stack and the instance");
  t.deepEqual(writesIn(sandbox), []);
});

test("up creates, outputs give id and secret token, a second preview touches nothing", async (t) => {
  const { sandbox, local } = await e2eFixture(t, { desiredState: desiredState(), config: secretConfig });
  await local.stack.up({ color: "never" });
  const [stored] = sandbox.instances();
  const outputs = await local.stack.outputs();
  t.deepEqual(outputs.instanceIds?.value, { "prod-events": String(stored?.id) });
  t.false(outputs.instanceIds?.secret ?? true);
  const instances = outputs.instances?.value as Record<string, { token: string }> | undefined;
  t.is(instances?.["prod-events"]?.token, stored?.token);
  const shown = JSON.parse(await local.pulumi(["stack", "output", "--json"]));
  t.deepEqual(shown.instances["prod-events"], { id: String(stored?.id), name: "Box prod events", token: "[secret]" });
  t.is(stored?.configuration["event.notification.callback.url"], "https://app.example.com/hooks/box");

  sandbox.clearRequests();
  const preview = await local.stack.preview({ color: "never" });
  t.is(preview.changeSummary.same, 2);
  t.deepEqual(sandbox.requests, [], "a no-op preview sends no request at all");
});

test("editing the webhook URL, tags and name updates the same instance in place", async (t) => {
  const { sandbox, local, writeDesiredState } = await e2eFixture(t, {
    desiredState: desiredState(),
    config: secretConfig,
  });
  await local.stack.up({ color: "never" });
  const before = sandbox.instances()[0];
  await writeDesiredState(
    desiredState({ webhook: "https://hooks.example.com/v2", tags: ["prod", "eu"], name: "Box prod events v2" }),
  );
  const result = await local.stack.up({ color: "never" });
  t.is(result.summary.resourceChanges?.update, 1);
  t.is(result.summary.resourceChanges?.replace, undefined);
  const after = sandbox.instances();
  t.is(after.length, 1);
  t.is(after[0]?.id, before?.id);
  t.is(after[0]?.name, "Box prod events v2");
  t.deepEqual(
    after[0]?.tags.filter((tag) => !tag.startsWith("pulumi:")),
    ["prod", "eu"],
  );
  t.is(after[0]?.configuration["event.notification.callback.url"], "https://hooks.example.com/v2");
});

test("refresh shows drift made out of band, and up puts it back", async (t) => {
  const { sandbox, local } = await e2eFixture(t, { desiredState: desiredState(), config: secretConfig });
  await local.stack.up({ color: "never" });
  const id = sandbox.instances()[0]?.id;
  const edited = await call(sandbox, "PATCH", `/instances/${id}`, {
    configuration: { "event.notification.callback.url": "https://console.example.com/edited" },
  });
  t.is(edited.status, 200);
  const refresh = await local.stack.refresh({ color: "never" });
  t.is(refresh.summary.resourceChanges?.update, 1, "refresh records the drift");
  const preview = await local.stack.preview({ color: "never", diff: true });
  t.is(preview.changeSummary.update, 1);
  t.regex(preview.stdout, /console\.example\.com\/edited/);
  await local.stack.up({ color: "never" });
  t.is(sandbox.instances()[0]?.configuration["event.notification.callback.url"], "https://app.example.com/hooks/box");
  sandbox.clearRequests();
  t.is((await local.stack.preview({ color: "never" })).changeSummary.update, undefined);
});

test("an instance deleted out of band leaves state on refresh and comes back with a fresh code", async (t) => {
  const { sandbox, local, setSecrets } = await e2eFixture(t, { desiredState: desiredState(), config: secretConfig });
  await local.stack.up({ color: "never" });
  const id = sandbox.instances()[0]?.id;
  await call(sandbox, "DELETE", `/instances/${id}`);
  const refresh = await local.stack.refresh({ color: "never" });
  t.is(refresh.summary.resourceChanges?.delete, 1);
  t.is((await local.stack.preview({ color: "never" })).changeSummary.create, 1);
  await setSecrets({ "amplify-box:boxAuthCode": "fresh-grant-code-after-delete" });
  await local.stack.up({ color: "never" });
  t.is(sandbox.instances().length, 1);
  t.not(sandbox.instances()[0]?.id, id);
});

test("adopting an existing instance takes it over without creating a second", async (t) => {
  const { sandbox, local, writeDesiredState } = await e2eFixture(t, { config: secretConfig });
  const existing = await createInstance(t, sandbox, {
    configuration: {
      "oauth.api.key": "e2e-client-id",
      "oauth.api.secret": "x",
      "oauth.callback.url": "https://old.example.com",
    },
    name: "Made in the console",
  });
  await writeDesiredState(desiredState({ adopt: String(existing.id) }));
  await local.stack.up({ color: "never" });
  t.is(sandbox.instances().length, 1);
  t.is(sandbox.instances()[0]?.id, existing.id);
  t.is(sandbox.instances()[0]?.name, "Box prod events");
  t.deepEqual((await local.stack.outputs()).instanceIds?.value, { "prod-events": String(existing.id) });
});

test("destroy removes every instance, and neither export nor state file holds a secret", async (t) => {
  const { sandbox, local } = await e2eFixture(t, { desiredState: desiredState(), config: secretConfig });
  await local.stack.up({ color: "never" });
  const token = sandbox.instances()[0]?.token ?? "missing";
  // What a user sees and shares: `pulumi stack export` without --show-secrets (the Automation API's export shows them).
  const exported = await local.pulumi(["stack", "export"]);
  const stateFiles = await collectFiles(local.stateDir);
  const forbidden = {
    ...secrets,
    userSecret: sandbox.userSecret,
    organizationSecret: sandbox.organizationSecret,
    token,
  };
  for (const [label, value] of Object.entries(forbidden)) {
    t.false(exported.includes(value), `${label} in the stack export`);
    t.false(stateFiles.includes(value), `${label} in the state files`);
  }
  t.true(stateFiles.includes("BoxConnectorInstance"), "the scan did read the state");
  await local.stack.destroy({ color: "never" });
  t.deepEqual(sandbox.instances(), []);
});

test("pulumi import of the dynamic type: what today's engine does is recorded", async (t) => {
  const { sandbox, local } = await e2eFixture(t, { desiredState: "instances: {}\n", config: secretConfig });
  const created = await createInstance(t, sandbox, { name: "Import me" });
  const error = await t.throwsAsync(() =>
    local.stack.import({
      resources: [
        { type: "pulumi-nodejs:dynamic/amplify:BoxConnectorInstance", name: "imported", id: String(created.id) },
      ],
      protect: false,
    }),
  );
  // pulumi/pulumi#16175: the engine reads the resource without its properties, so the host has no serialized
  // provider to run (v3.248.0: "Cannot read properties of undefined (reading 'toJavaScript')" in the host's read;
  // other versions: "code must be a string"). If this starts passing, the engine has fixed import: support it and
  // update the README's "Adopting an existing instance".
  const known = /Cannot read properties of undefined \(reading 'toJavaScript'\)|code must be a string/;
  const reason = (error?.message ?? "").split("\n").find((line) => known.test(line));
  t.log(`pulumi import today: ${reason?.trim()}`);
  t.truthy(reason, error?.message);
  t.is(sandbox.instances().length, 1, "nothing was created or deleted");
});

async function collectFiles(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(
    entries.filter((entry) => entry.isFile()).map((entry) => readFile(path.join(entry.parentPath, entry.name), "utf8")),
  );
  return texts.join("\n");
}
