import * as pulumi from "@pulumi/pulumi";
import test from "ava";
import { DesiredStateError, declareInstances, loadDesiredState } from "../../desired-state/index.js";
import { readGoodCorpus } from "./helpers/corpus.js";
import {
  installMockEngine,
  mockedId,
  mockedName,
  mockedToken,
  outputValue,
  setSecretConfig,
} from "./helpers/mock-engine.js";

// One mocked engine per test process; the tests share it, so they run one after another.
const engine = installMockEngine();

const BOX_TYPE = "pulumi-nodejs:dynamic/amplify:BoxConnectorInstance";

function load(text: string, env: Record<string, string> = {}) {
  const result = loadDesiredState(text, "instances.yaml", { env });
  if (!result.ok) {
    throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  }
  return result.state;
}

for (const file of readGoodCorpus()) {
  test.serial(`good/${file.name} declares the expected resources and outputs`, async (t) => {
    const { registered, reset } = await engine;
    reset();
    setSecretConfig(file.expected.config);
    const state = load(file.text, { ...file.expected.env });

    const declared = declareInstances(state, new pulumi.Config());
    const logicalNames = Object.keys(file.expected.resources);
    t.deepEqual(Object.keys(declared.instances), logicalNames);
    t.deepEqual(Object.keys(declared.instanceIds), logicalNames);

    for (const name of logicalNames) {
      const instance = declared.instances[name];
      const id = declared.instanceIds[name];
      if (instance === undefined || id === undefined) {
        t.fail(`no outputs for ${name}`);
        continue;
      }
      t.is(await outputValue(instance.id), mockedId(name));
      t.is(await outputValue(id), mockedId(name));
      t.is(await outputValue(instance.token), mockedToken(name));
      t.true(await pulumi.isSecret(instance.token), `the token of ${name} is not secret`);
      t.false(await pulumi.isSecret(instance.id));
      t.false(await pulumi.isSecret(id));
      const inputs = file.expected.resources[name] ?? {};
      t.is(await outputValue(instance.name), mockedName(name, inputs));
    }

    t.true(registered.every((resource) => resource.type === BOX_TYPE));
    t.deepEqual(
      Object.fromEntries(registered.map((resource) => [resource.name, resource.inputs])),
      file.expected.resources,
    );
    // Registration is asynchronous; the outputs above are in file order, the engine may see another.
    t.deepEqual(registered.map((resource) => resource.name).sort(), [...logicalNames].sort());
  });
}

test.serial("stack config keys that are not set are all reported, and nothing is declared", async (t) => {
  const { registered, reset } = await engine;
  reset();
  setSecretConfig({ boxAuthCodeA: "code-a" });
  const state = load(
    [
      "defaults:",
      "  oauth: { apiKey: id, apiSecret: { secret: boxClientSecret }, callbackUrl: https://x.example/cb }",
      "instances:",
      "  a:",
      "    authorization: { code: { secret: boxAuthCodeA } }",
      "  b:",
      "    authorization: { code: { secret: boxAuthCodeB } }",
      "    events: { signatureKey: { secret: 'hooks:signing' } }",
    ].join("\n"),
  );
  const error = t.throws(() => declareInstances(state, new pulumi.Config()), { instanceOf: DesiredStateError });
  t.is(
    error?.message,
    [
      "The desired-state file has 3 problems:",
      "instances.yaml:2:45 defaults.oauth.apiSecret.secret: stack config boxClientSecret is not set; run `pulumi config set --secret boxClientSecret <value>`",
      "instances.yaml:7:38 instances.b.authorization.code.secret: stack config boxAuthCodeB is not set; run `pulumi config set --secret boxAuthCodeB <value>`",
      "instances.yaml:8:39 instances.b.events.signatureKey.secret: stack config hooks:signing is not set; run `pulumi config set --secret hooks:signing <value>`",
    ].join("\n"),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.deepEqual(registered, []);
});

test.serial("secret inputs reach the resource as secrets, plain inputs as plain values", async (t) => {
  const { registered, reset } = await engine;
  reset();
  setSecretConfig({ boxClientSecret: "client-secret", boxAuthCodeA: "code-a" });
  const state = load(
    [
      "instances:",
      "  a:",
      "    authorization: { code: { secret: boxAuthCodeA } }",
      "    oauth: { apiKey: id, apiSecret: { secret: boxClientSecret }, callbackUrl: https://x.example/cb }",
      "    events: { enabled: true, callbackUrl: https://x.example/hooks, signatureKey: { env: HOOK_KEY } }",
      "    tags: [prod]",
    ].join("\n"),
    { HOOK_KEY: "hook-key" },
  );
  const declared = declareInstances(state, new pulumi.Config());
  await outputValue(declared.instanceIds.a as pulumi.Output<string>);
  const [resource] = registered;
  t.deepEqual(resource?.inputs.authorizationCode, { secret: "code-a" });
  t.deepEqual(resource?.inputs.oauth, {
    secret: { apiKey: "id", apiSecret: "client-secret", callbackUrl: "https://x.example/cb" },
  });
  t.deepEqual(resource?.inputs.events, {
    secret: { enabled: true, callbackUrl: "https://x.example/hooks", signatureKey: "hook-key" },
  });
  t.deepEqual(resource?.inputs.tags, ["prod"]);
});

test.serial("resource options given to declareInstances reach every instance", async (t) => {
  const { reset } = await engine;
  reset();
  setSecretConfig({ boxClientSecret: "client-secret" });
  const state = load(
    [
      "defaults:",
      "  oauth: { apiKey: id, apiSecret: { secret: boxClientSecret }, callbackUrl: https://x.example/cb }",
      "instances:",
      "  a: { adopt: 1 }",
      "  b: { adopt: 2 }",
    ].join("\n"),
  );
  const declared = declareInstances(state, new pulumi.Config(), { protect: true });
  t.deepEqual(
    Object.values(declared.resources).map((resource) => (resource as unknown as { __protect: boolean }).__protect),
    [true, true],
  );
});
