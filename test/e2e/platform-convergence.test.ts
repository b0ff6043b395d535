import test from "ava";
import {
  describePlatformVariant,
  type PlatformVariant,
  platformVariants,
  STRICTEST_PLATFORM,
} from "../../sandbox/index.js";
import { secretValues } from "../helpers/box-inputs.js";
import { e2eFixture, writesIn } from "../helpers/e2e-stack.js";
import { call } from "../helpers/sandbox-http.js";

/**
 * The convergence scenario a CI pipeline lives by, with the real Pulumi engine, once per platform version: every
 * masking mode × both tag shapes, and once with every other switch turned the other way. After `up`, preview
 * expects no changes, a second up writes nothing, refresh reports nothing; one edited field is one request; drift
 * shows on refresh and the next up puts it back; a re-authentication leaves the outputs with the platform's token.
 */

const secrets = secretValues("converge");
const HOOK = "https://app.example.com/hooks/box";

function desiredState(webhooks: { events: string; archive: string } = { events: HOOK, archive: HOOK }): string {
  return [
    "version: 1",
    "defaults:",
    "  oauth:",
    "    apiKey: converge-client-id",
    "    apiSecret: { secret: boxClientSecret }",
    "    callbackUrl: https://app.example.com/oauth/box",
    "  tags: [managed]",
    "instances:",
    "  box-events:",
    "    name: Box events",
    "    authorization: { code: { secret: boxAuthCodeEvents } }",
    "    events:",
    "      enabled: true",
    `      callbackUrl: ${webhooks.events}`,
    "      signatureKey: { secret: boxWebhookKey }",
    "    tags: [events]",
    "    configuration:",
    "      filter.response.nulls: true",
    "  box-archive:",
    "    authorization: { code: { secret: boxAuthCodeArchive } }",
    "    events:",
    "      enabled: true",
    `      callbackUrl: ${webhooks.archive}`,
    "  box-quiet:",
    "    name: Box without events",
    "    authorization: { code: { secret: boxAuthCodeQuiet } }",
    "",
  ].join("\n");
}

const secretConfig = {
  "amplify-box:boxClientSecret": { value: secrets.apiSecret, secret: true },
  "amplify-box:boxAuthCodeEvents": { value: `${secrets.authorizationCode}-events`, secret: true },
  "amplify-box:boxAuthCodeArchive": { value: `${secrets.authorizationCode}-archive`, secret: true },
  "amplify-box:boxAuthCodeQuiet": { value: `${secrets.authorizationCode}-quiet`, secret: true },
  "amplify-box:boxWebhookKey": { value: secrets.signatureKey, secret: true },
};

const otherSwitchesFlipped: PlatformVariant = {
  ...STRICTEST_PLATFORM,
  platformKeys: "hidden",
  tokenOnReauthentication: "keep",
  putOmittedKeys: "keep",
  duplicateNames: "allow",
};

for (const variant of [...platformVariants(["masking", "tagShape"]), otherSwitchesFlipped]) {
  test.serial(`converges with the real engine on a platform with ${describePlatformVariant(variant)}`, async (t) => {
    const { sandbox, local, writeDesiredState, setSecrets } = await e2eFixture(t, {
      desiredState: desiredState(),
      config: secretConfig,
      sandbox: variant,
    });
    const quiet = { color: "never" } as const;
    await local.stack.up(quiet);
    const ids = (await local.stack.outputs()).instanceIds?.value as Record<string, string>;
    t.is(sandbox.instances().length, 3);

    await t.notThrowsAsync(local.stack.preview({ ...quiet, expectNoChanges: true }), "preview --expect-no-changes");
    sandbox.clearRequests();
    const again = await local.stack.up(quiet);
    t.deepEqual(writesIn(sandbox), [], "a second up writes nothing");
    t.is(again.summary.resourceChanges?.same, 4, "the stack and three instances stay the same");
    const refresh = await local.stack.refresh({ ...quiet, expectNoChanges: true });
    t.is(refresh.summary.resourceChanges?.update, undefined, "refresh with nothing changed reports nothing");

    // The client id is not a secret: the outputs show the real one whatever the platform answers.
    const exported = JSON.stringify(await local.stack.exportStack());
    t.false(exported.includes('"oauth.api.key":"********"'), "no masked client id in state");
    t.is(exported.split('"oauth.api.key":"converge-client-id"').length - 1, 3, "each instance's outputs hold it");

    // One field of one instance: exactly one request, for that instance, carrying that field.
    await writeDesiredState(desiredState({ events: HOOK, archive: "https://hooks.example.com/archive" }));
    sandbox.clearRequests();
    await local.stack.up(quiet);
    t.deepEqual(
      sandbox.requests.map((request) => [request.method, request.path, request.body]),
      [
        [
          "PATCH",
          `/elements/api-v2/instances/${ids["box-archive"]}`,
          { configuration: { "event.notification.callback.url": "https://hooks.example.com/archive" } },
        ],
      ],
    );

    // Drift made in the console shows on refresh, and the next up puts it back.
    await call(sandbox, "PATCH", `/instances/${ids["box-events"]}`, {
      configuration: { "event.notification.callback.url": "https://console.example.com/edited" },
    });
    const drift = await local.stack.refresh(quiet);
    t.is(drift.summary.resourceChanges?.update, 1, "refresh records the drift");
    t.is((await local.stack.preview(quiet)).changeSummary.update, 1);
    await local.stack.up(quiet);
    t.is(sandbox.instance(Number(ids["box-events"]))?.configuration["event.notification.callback.url"], HOOK);
    await t.notThrowsAsync(local.stack.preview({ ...quiet, expectNoChanges: true }));

    // A fresh grant code re-authenticates the same instance; the token output follows the platform.
    const tokenBefore = sandbox.instance(Number(ids["box-quiet"]))?.token;
    await setSecrets({ "amplify-box:boxAuthCodeQuiet": `${secrets.authorizationCode}-quiet-again` });
    await local.stack.up(quiet);
    const tokenAfter = sandbox.instance(Number(ids["box-quiet"]))?.token;
    t.is(tokenAfter === tokenBefore, variant.tokenOnReauthentication === "keep");
    const outputs = (await local.stack.outputs()).instances?.value as Record<string, { token: string }>;
    t.is(outputs["box-quiet"]?.token, tokenAfter);
    const shown = JSON.parse(await local.pulumi(["stack", "output", "--json"]));
    t.is(shown.instances["box-quiet"].token, "[secret]", "the token stays a secret output");
    await t.notThrowsAsync(local.stack.preview({ ...quiet, expectNoChanges: true }));
    await t.notThrowsAsync(local.stack.refresh({ ...quiet, expectNoChanges: true }));

    await local.stack.destroy(quiet);
    t.deepEqual(sandbox.instances(), []);
  });
}
