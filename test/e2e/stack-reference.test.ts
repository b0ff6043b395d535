import test from "ava";
import { createLocalStack } from "../../scripts/local-stack.js";
import { secretValues } from "../helpers/box-inputs.js";
import { e2eFixture } from "../helpers/e2e-stack.js";
import { filesOf } from "../helpers/reliability-stack.js";

/**
 * examples/stack-consumer reads the root program's outputs through a StackReference, with the real engine: the ids
 * arrive in clear, and the tokens stay secret in the consuming stack's outputs and state.
 */

const secrets = secretValues("consumed");

test("a consuming stack gets the ids, and the tokens only as secrets", async (t) => {
  const producer = await e2eFixture(t, {
    desiredState: [
      "version: 1",
      "defaults:",
      "  oauth: { apiKey: consumed-client, apiSecret: { secret: boxClientSecret }, callbackUrl: https://app.example.com/oauth }",
      "instances:",
      "  box-events:",
      "    authorization: { code: { secret: codeEvents } }",
      "  box-archive:",
      "    authorization: { code: { secret: codeArchive } }",
      "",
    ].join("\n"),
    config: {
      "amplify-box:boxClientSecret": { value: secrets.apiSecret, secret: true },
      "amplify-box:codeEvents": { value: `${secrets.authorizationCode}-events`, secret: true },
      "amplify-box:codeArchive": { value: `${secrets.authorizationCode}-archive`, secret: true },
    },
  });
  await producer.local.stack.up({ color: "never" });
  const tokens = producer.sandbox.instances().map((instance) => instance.token);

  const consumer = await createLocalStack({
    main: "dist/examples/stack-consumer/index.js",
    projectName: "box-instances-consumer",
    config: { "box-instances-consumer:instancesStack": { value: "organization/amplify-box/dev" } },
    // The same backend as the producing stack, as two stacks of one organization share it.
    env: { PULUMI_BACKEND_URL: `file://${producer.local.stateDir}` },
  });
  t.teardown(() => consumer.dispose());
  const up = await consumer.stack.up({ color: "never" });
  t.deepEqual(up.outputs.instanceIds?.value, (await producer.local.stack.outputs()).instanceIds?.value);
  t.false(up.outputs.instanceIds?.secret ?? true, "ids are not secret");
  t.true(up.outputs.elementAuthorization?.secret ?? false, "what is derived from a token is secret");
  const shown = JSON.parse(await consumer.pulumi(["stack", "output", "--json"]));
  t.is(shown.elementAuthorization, "[secret]");

  const exported = await consumer.pulumi(["stack", "export"]);
  t.true(exported.includes("pulumi:pulumi:StackReference"), "the export is the consumer's state");
  const written = `${exported}\n${up.stdout}\n${Object.values(await filesOf(producer.local.stateDir)).join("\n")}`;
  for (const token of tokens) {
    t.false(written.includes(token), "no token in clear in either stack's state or the consumer's output");
  }
  await consumer.stack.destroy({ color: "never" });
  await producer.local.stack.destroy({ color: "never" });
  t.deepEqual(producer.sandbox.instances(), []);
});
