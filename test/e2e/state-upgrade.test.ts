import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import test from "ava";
import { MASKED_VALUE } from "../../provider/client/instance-types.js";
import { LEGACY_IMPLEMENTATION_MODULE } from "../../provider/dynamic/provider-source.js";
import { legacyFingerprint } from "../../provider/mapping/secret-digests.js";
import { secretValues } from "../helpers/box-inputs.js";
import { e2eFixture, writesIn } from "../helpers/e2e-stack.js";

/**
 * State written by the releases before keyed digests: a secret `secretFingerprints` map, the platform's whole
 * configuration with masked secrets, derivable outputs, and a longer `__provider` text. The real engine must run it
 * with this release: nothing to change, a refresh that keeps the legacy map a secret, and a first write that replaces
 * it with the current shape.
 */

const secrets = secretValues("upgrade");

const desiredState = (tags: string) =>
  [
    "instances:",
    "  box-upgrade:",
    "    name: Box upgrade",
    "    authorization: { code: { secret: boxAuthCode } }",
    "    oauth:",
    "      apiKey: upgrade-client-id",
    "      apiSecret: { secret: boxClientSecret }",
    "      callbackUrl: https://app.example.com/oauth/box",
    "    events:",
    "      enabled: true",
    "      callbackUrl: https://app.example.com/hooks/box",
    "      signatureKey: { secret: boxWebhookKey }",
    `    tags: [${tags}]`,
    "",
  ].join("\n");

const config = {
  "amplify-box:boxClientSecret": { value: secrets.apiSecret, secret: true },
  "amplify-box:boxAuthCode": { value: secrets.authorizationCode, secret: true },
  "amplify-box:boxWebhookKey": { value: secrets.signatureKey, secret: true },
};

const LEGACY_PROVIDER_TEXT =
  `exports.handler=function(){try{return require(${JSON.stringify(LEGACY_IMPLEMENTATION_MODULE)}).instanceOperations}` +
  `catch(e){throw new Error("BoxConnectorInstance: npm install pulumi-amplify-box in the Pulumi program's folder; "+e.message)}};`;

/** A secret as `pulumi stack export --show-secrets` writes it and `pulumi stack import` takes it. */
const plaintextSecret = (value: unknown) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  plaintext: JSON.stringify(value),
});

interface StateResource {
  type: string;
  id?: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  additionalSecretOutputs?: string[];
}

test("state of an earlier release plans nothing, stays secret through a refresh, and takes the current shape at its next write", async (t) => {
  const { sandbox, local } = await e2eFixture(t, { desiredState: desiredState("prod"), config });
  await local.stack.up({ color: "never" });
  const [stored] = sandbox.instances();

  // Rewrite the resource as the earlier release recorded it.
  const deployment = JSON.parse(await local.pulumi(["stack", "export", "--show-secrets"]));
  const resource = (deployment.deployment.resources as StateResource[]).find((r) => r.type.includes(":dynamic"));
  if (resource === undefined || stored === undefined) {
    t.fail("no dynamic resource in state");
    return;
  }
  const { secretDigests: _digests, ...current } = resource.outputs;
  resource.inputs.__provider = LEGACY_PROVIDER_TEXT;
  resource.outputs = {
    ...current,
    __provider: LEGACY_PROVIDER_TEXT,
    instanceId: resource.id,
    elementKey: "box",
    eventsEnabled: true,
    valid: true,
    disabled: false,
    configuration: {
      ...(current.configuration as Record<string, string>),
      "oauth.api.secret": MASKED_VALUE,
      "event.notification.signature.key": MASKED_VALUE,
      "oauth.user.token": MASKED_VALUE,
      "filter.response.nulls": "true",
    },
    passThroughKeys: [],
    secretFingerprints: plaintextSecret({
      authorizationCode: legacyFingerprint(secrets.authorizationCode),
      apiSecret: legacyFingerprint(secrets.apiSecret),
      signatureKey: legacyFingerprint(secrets.signatureKey),
    }),
  };
  resource.additionalSecretOutputs = ["token", "secretFingerprints"];
  const file = path.join(local.workDir, "legacy-state.json");
  await writeFile(file, JSON.stringify(deployment));
  await local.pulumi(["stack", "import", "--file", file]);

  const shared = async () => {
    const text = await local.pulumi(["stack", "export"]);
    for (const [what, value] of Object.entries({ ...secrets, token: stored.token })) {
      t.false(text.includes(value), `the ${what} is not in the state file in clear`);
    }
    return (JSON.parse(text).deployment.resources as StateResource[]).find((r) => r.type.includes(":dynamic"));
  };
  const legacy = await shared();
  t.like(legacy?.outputs.secretFingerprints, {
    "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  });

  sandbox.clearRequests();
  t.deepEqual((await local.stack.preview({ color: "never" })).changeSummary, { same: 2 });
  await local.stack.refresh({ color: "never" });
  const refreshed = await shared();
  t.truthy(
    (refreshed?.outputs.secretFingerprints as Record<string, unknown> | undefined)?.ciphertext,
    "the legacy map is carried, still encrypted",
  );
  t.deepEqual((await local.stack.preview({ color: "never" })).changeSummary, { same: 2 });
  t.deepEqual(writesIn(sandbox), [], "nothing written");

  await writeFile(path.join(local.workDir, "instances.yaml"), desiredState("prod, upgraded"));
  await local.stack.up({ color: "never" });
  const writes = writesIn(sandbox);
  t.deepEqual(
    writes.map((request) => [request.method, Object.keys(request.body as object)]),
    [["PATCH", ["tags"]]],
    "only the tags, no secret sent again",
  );
  t.true(((writes[0]?.body as { tags?: string[] } | undefined)?.tags ?? []).includes("upgraded"));
  const upgraded = await shared();
  t.is(upgraded?.outputs.secretFingerprints, undefined);
  t.deepEqual(Object.keys(upgraded?.outputs.secretDigests as object).sort(), [
    "apiSecret",
    "authorizationCode",
    "signatureKey",
  ]);
  t.deepEqual((await local.stack.preview({ color: "never" })).changeSummary, { same: 2 });
});
