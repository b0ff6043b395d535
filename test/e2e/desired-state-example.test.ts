import { readFile } from "node:fs/promises";
import * as path from "node:path";
import test from "ava";
import { REPO_ROOT } from "../../scripts/pulumi-cli.js";
import { secretValues } from "../helpers/box-inputs.js";
import { e2eFixture, writesIn } from "../helpers/e2e-stack.js";

/** examples/desired-state: the root program on the example's file, run by the real Pulumi CLI. */

const secrets = secretValues("example-file");

test("the desired-state example creates its three instances, settles, and removing one deletes it", async (t) => {
  const file = await readFile(path.join(REPO_ROOT, "examples", "desired-state", "instances.yaml"), "utf8");
  const { sandbox, local, writeDesiredState } = await e2eFixture(t, {
    desiredState: file,
    config: {
      "amplify-box:boxClientSecret": { value: secrets.apiSecret, secret: true },
      "amplify-box:boxWebhookKey": { value: secrets.signatureKey, secret: true },
      "amplify-box:boxAuthCodeProd": { value: `${secrets.authorizationCode}-prod`, secret: true },
      "amplify-box:boxAuthCodeStaging": { value: `${secrets.authorizationCode}-staging`, secret: true },
    },
    env: { BOX_REFRESH_TOKEN_SANDBOX: "box-refresh-token-for-the-example" },
  });
  t.is((await local.stack.preview({ color: "never" })).changeSummary.create, 4);
  t.deepEqual(writesIn(sandbox), []);

  const up = await local.stack.up({ color: "never" });
  const byName = Object.fromEntries(sandbox.instances().map((instance) => [instance.name, instance]));
  t.deepEqual(Object.keys(byName).sort(), ["Box (production)", "Box (sandbox)", "Box (staging)"]);
  t.is(byName["Box (production)"]?.configuration["event.notification.enabled"], "true");
  t.is(byName["Box (staging)"]?.configuration["event.notification.enabled"], "false");
  t.is(byName["Box (sandbox)"]?.externalAuthentication, "initial");
  t.deepEqual(
    byName["Box (production)"]?.tags.filter((tag) => !tag.startsWith("pulumi:")),
    ["managed-by-pulumi", "team-platform", "prod"],
  );
  t.deepEqual(Object.keys(up.outputs.instanceIds?.value ?? {}).sort(), ["box-prod", "box-sandbox", "box-staging"]);

  sandbox.clearRequests();
  t.is((await local.stack.preview({ color: "never" })).changeSummary.same, 4);
  t.deepEqual(sandbox.requests, []);

  await writeDesiredState(file.slice(0, file.indexOf("  box-sandbox:")));
  const shrink = await local.stack.up({ color: "never" });
  t.is(shrink.summary.resourceChanges?.delete, 1);
  t.is(sandbox.instances().length, 2);
  await local.stack.destroy({ color: "never" });
  t.deepEqual(sandbox.instances(), []);
});
