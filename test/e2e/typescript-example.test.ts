import test from "ava";
import { secretValues } from "../helpers/box-inputs.js";
import { e2eFixture, writesIn } from "../helpers/e2e-stack.js";

/** examples/typescript-instance, run by the real Pulumi CLI against the sandbox. */

const secrets = secretValues("example");

test("the TypeScript example previews, creates, settles and destroys", async (t) => {
  const { sandbox, local } = await e2eFixture(t, {
    main: "dist/examples/typescript-instance/index.js",
    config: {
      "amplify-box:boxClientId": { value: "example-client-id" },
      "amplify-box:boxClientSecret": { value: secrets.apiSecret, secret: true },
      "amplify-box:boxAuthCode": { value: secrets.authorizationCode, secret: true },
      "amplify-box:boxWebhookKey": { value: secrets.signatureKey, secret: true },
    },
  });
  const preview = await local.stack.preview({ color: "never" });
  t.is(preview.changeSummary.create, 2);
  t.deepEqual(writesIn(sandbox), []);

  const up = await local.stack.up({ color: "never" });
  t.is(up.summary.result, "succeeded");
  const [stored] = sandbox.instances();
  t.is(up.outputs.instanceId?.value, String(stored?.id));
  t.false(up.outputs.instanceId?.secret ?? true);
  t.is(up.outputs.token?.value, stored?.token);
  t.true(up.outputs.token?.secret ?? false, "the token output is secret");
  t.is(stored?.configuration["event.notification.callback.url"], "https://app.example.com/hooks/box");
  t.true(stored?.tags.includes("pulumi:amplify-box/dev/box-events"));

  sandbox.clearRequests();
  t.is((await local.stack.preview({ color: "never" })).changeSummary.same, 2);
  t.deepEqual(sandbox.requests, []);

  await local.stack.destroy({ color: "never" });
  t.deepEqual(sandbox.instances(), []);
});
