import test from "ava";
import { type Instance, MASKED_VALUE } from "../../provider/client/instance-types.js";
import { nonSecretValues, toObservedInputs, toOutputs } from "../../provider/mapping/from-instance.js";
import { heldSecretsOf, planUpdate } from "../../provider/mapping/plan-update.js";
import { legacyFingerprint, SET_ELSEWHERE, secretDigest } from "../../provider/mapping/secret-digests.js";
import { boxInputs } from "../helpers/box-inputs.js";

/** An instance as a platform answers it; `configuration` replaces the default one whole. */
function answered(overrides: Partial<Instance> = {}): Instance {
  return {
    id: 100001,
    name: "Box a events",
    token: "instance-token",
    tags: ["prod", "team-a", "pulumi:test/dev/box-a", "pulumi:test/dev"],
    configuration: {
      "oauth.api.key": "client-id-a",
      "oauth.api.secret": MASKED_VALUE,
      "oauth.callback.url": "https://app.example.com/oauth/box",
      "event.notification.enabled": "true",
      "event.notification.callback.url": "https://app.example.com/hooks/box",
      "event.notification.signature.key": MASKED_VALUE,
    },
    ...overrides,
  };
}

const inputs = boxInputs();
/** What a create of `inputs` carries into the outputs: the secrets it sent. */
const carried = { heldSecrets: heldSecretsOf(inputs), passThroughKeys: [] };
const maskedClientId = (instance: Instance): Instance => ({
  ...instance,
  configuration: { ...instance.configuration, "oauth.api.key": MASKED_VALUE },
});

test("a client id answered masked at create takes the value sent, and the next plan is empty", (t) => {
  const known = nonSecretValues({ "oauth.api.key": "client-id-a", "oauth.api.secret": "never-kept" });
  t.deepEqual(known, { "oauth.api.key": "client-id-a" }, "secrets are never remembered as known values");
  const outs = toOutputs(maskedClientId(answered()), { ...carried, knownConfiguration: known });
  t.is(outs.configuration["oauth.api.key"], "client-id-a");
  const plan = planUpdate("100001", outs, inputs);
  t.deepEqual(plan.changed, []);
  t.deepEqual(plan.patch, {});
});

test("a client id answered masked on read keeps what state holds, and the observed inputs show it", (t) => {
  const before = toOutputs(answered(), carried);
  const refreshed = toOutputs(maskedClientId(answered()), {
    recorded: before,
    passThroughKeys: [],
    knownConfiguration: before.configuration,
  });
  t.deepEqual(refreshed, before, "a refresh with nothing changed changes nothing");
  t.is(toObservedInputs(refreshed).oauth?.apiKey, "client-id-a");
});

test("a masked value nobody knows stays masked and is planned as unchanged, never sent", (t) => {
  const outs = toOutputs(maskedClientId(answered()), carried);
  t.is(outs.configuration["oauth.api.key"], MASKED_VALUE);
  const plan = planUpdate("100001", outs, inputs);
  t.deepEqual(plan.patch, {});
  const renamed = planUpdate("100001", outs, { ...inputs, name: "Renamed" });
  t.deepEqual(renamed.patch, { name: "Renamed" }, "a change elsewhere carries only that change");
});

test("a known client id still refuses a move to another Box app without a fresh code", (t) => {
  const outs = toOutputs(maskedClientId(answered()), {
    ...carried,
    knownConfiguration: { "oauth.api.key": "client-id-a" },
  });
  t.throws(() => planUpdate("100001", outs, { ...inputs, oauth: { ...inputs.oauth, apiKey: "client-id-b" } }), {
    message: /changing oauth\.apiKey moves instance 100001 to another Box app/,
  });
});

test("tags answered as {id, name} objects read as names, ownership tags apart", (t) => {
  const objects = answered({
    tags: [
      { id: 12, name: "prod" },
      { id: 13, name: "team-a" },
      { id: 14, name: "pulumi:test/dev/box-a" },
      { id: 15, name: "pulumi:test/dev" },
    ],
  });
  const outs = toOutputs(objects, carried);
  t.deepEqual(outs.tags, ["prod", "team-a"]);
  t.is(outs.ownershipTag, "pulumi:test/dev/box-a");
  t.deepEqual(outs, toOutputs(answered(), carried), "the same outputs as for string tags");
  t.deepEqual(planUpdate("100001", outs, inputs).patch, {});
});

test("platform-written keys, secrets and nulls are not recorded, and plan nothing", (t) => {
  const full = answered({
    configuration: {
      ...answered().configuration,
      "oauth.user.token": MASKED_VALUE,
      "oauth.user.refresh_token": MASKED_VALUE,
      "oauth.user.id": "263773421",
      "filter.response.nulls": "true",
      "event.notification.subscription.id": "12345678",
      "event.metadata": '{"webhook":{"file":{"eventTypes":["created"]}}}',
      "event.notification.basic.password": null,
    },
  });
  const outs = toOutputs(full, { ...carried, passThroughKeys: ["filter.response.nulls"] });
  t.deepEqual(
    outs.configuration,
    {
      "oauth.api.key": "client-id-a",
      "oauth.callback.url": "https://app.example.com/oauth/box",
      "event.notification.enabled": "true",
      "event.notification.callback.url": "https://app.example.com/hooks/box",
      "filter.response.nulls": "true",
    },
    "the keys this resource manages (a pass-through key included), nothing the platform writes for itself",
  );
  t.deepEqual(planUpdate("100001", outs, { ...inputs, configuration: { "filter.response.nulls": true } }).patch, {});
  t.deepEqual(
    planUpdate("100001", outs, inputs).patch,
    {
      configuration: { "filter.response.nulls": null },
    },
    "a pass-through key the inputs no longer name is reset: the outputs' own keys say which they manage",
  );
});

test("a platform that answers only what was set: an unanswered events switch is its default, off", (t) => {
  const { events: _events, ...quiet } = boxInputs();
  const outs = toOutputs(
    answered({
      configuration: {
        "oauth.api.key": "client-id-a",
        "oauth.api.secret": MASKED_VALUE,
        "oauth.callback.url": "https://app.example.com/oauth/box",
      },
    }),
    { heldSecrets: heldSecretsOf(quiet), passThroughKeys: [] },
  );
  t.is(outs.configuration["event.notification.enabled"], undefined);
  t.false(toObservedInputs(outs).events?.enabled);
  t.deepEqual(planUpdate("100001", outs, quiet).patch, {});
  t.deepEqual(planUpdate("100001", outs, boxInputs({ events: { enabled: false } })).patch, {});
  t.deepEqual(
    planUpdate("100001", outs, boxInputs({ events: { enabled: true, callbackUrl: "https://h.example.com" } })).patch,
    {
      configuration: { "event.notification.enabled": true, "event.notification.callback.url": "https://h.example.com" },
    },
  );
});

test("a secret answered in clear refreshes its digest: a change made out of band shows and is planned back", (t) => {
  const clear = answered({
    configuration: {
      ...answered().configuration,
      "oauth.api.secret": inputs.oauth.apiSecret,
      "event.notification.signature.key": "changed-in-the-console",
    },
  });
  const before = toOutputs(answered(), carried);
  const outs = toOutputs(clear, { recorded: before, passThroughKeys: [] });
  t.false(JSON.stringify(outs).includes(inputs.oauth.apiSecret), "never the value itself");
  t.false(JSON.stringify(outs).includes("changed-in-the-console"));
  t.is(outs.secretDigests?.apiSecret, before.secretDigests?.apiSecret, "unchanged secret, same digest");
  t.is(outs.secretDigests?.signatureKey, secretDigest("instance-token", "signatureKey", "changed-in-the-console"));
  const plan = planUpdate("100001", outs, inputs);
  t.deepEqual(plan.patch, { configuration: { "event.notification.signature.key": inputs.events?.signatureKey ?? "" } });
});

test("an answer without a token keeps the token state holds", (t) => {
  const { token: _token, ...withoutToken } = answered();
  t.is(toOutputs(withoutToken, { ...carried, knownToken: "from-state" }).token, "from-state");
  t.is(toOutputs(answered(), { ...carried, knownToken: "from-state" }).token, "instance-token", "an answer wins");
});

test("digests of chosen secrets are keyed with the token: state alone cannot test a guess", (t) => {
  const outs = toOutputs(answered(), carried);
  const signatureKey = inputs.events?.signatureKey ?? "";
  t.is(outs.secretDigests?.signatureKey, secretDigest("instance-token", "signatureKey", signatureKey));
  t.not(outs.secretDigests?.signatureKey, secretDigest("", "signatureKey", signatureKey), "not an unkeyed hash");
  t.not(
    secretDigest("instance-token", "signatureKey", signatureKey),
    secretDigest("another-token", "signatureKey", signatureKey),
  );
  t.is(
    secretDigest("instance-token", "authorizationCode", "code"),
    secretDigest("another-token", "authorizationCode", "code"),
    "grants (random, spent) go unkeyed, so a rotated token leaves them comparable",
  );
  for (const value of Object.values(heldSecretsOf(inputs))) {
    t.false(JSON.stringify(outs).includes(value as string));
  }
});

test("a token rotated out of band drops the token-keyed digests: the next plan sends those secrets, not the spent grant", (t) => {
  const before = toOutputs(answered(), carried);
  const refreshed = toOutputs(answered({ token: "rotated-elsewhere" }), { recorded: before, passThroughKeys: [] });
  t.deepEqual(Object.keys(refreshed.secretDigests ?? {}), ["authorizationCode", "signatureKey"]);
  t.is(refreshed.secretDigests?.signatureKey, SET_ELSEWHERE, "still set, value unknown");
  const plan = planUpdate("100001", refreshed, inputs);
  t.deepEqual(plan.changed, ["oauth", "events"]);
  t.is(plan.patch.providerData, undefined, "the grant code is not sent again");
  const after = toOutputs(answered({ token: "rotated-elsewhere" }), {
    heldSecrets: plan.heldSecrets,
    passThroughKeys: [],
  });
  t.deepEqual(planUpdate("100001", after, inputs).changed, [], "after that write, digests under the new token");
});

test("a signature key set elsewhere is reset when the inputs name none, and replaced when they name one", (t) => {
  const { signatureKey: _key, ...events } = inputs.events ?? {};
  const without = { ...inputs, events };
  const created = toOutputs(
    answered({ configuration: { ...answered().configuration, "event.notification.signature.key": null } }),
    {
      heldSecrets: heldSecretsOf(without),
      passThroughKeys: [],
    },
  );
  t.is(created.secretDigests?.signatureKey, undefined);
  t.deepEqual(planUpdate("100001", created, without).patch, {});
  const refreshed = toOutputs(answered(), { recorded: created, passThroughKeys: [] });
  t.is(refreshed.secretDigests?.signatureKey, SET_ELSEWHERE);
  t.deepEqual(planUpdate("100001", refreshed, without).patch, {
    configuration: { "event.notification.signature.key": null },
  });
  t.deepEqual(planUpdate("100001", refreshed, inputs).patch, {
    configuration: { "event.notification.signature.key": inputs.events?.signatureKey ?? "" },
  });
  const unset = toOutputs(
    answered({ configuration: { ...answered().configuration, "event.notification.signature.key": null } }),
    {
      recorded: toOutputs(answered(), carried),
      passThroughKeys: [],
    },
  );
  t.deepEqual(planUpdate("100001", unset, inputs).changed, ["events"], "unset elsewhere: sent again");
});

/** State as releases before secret digests wrote it: secret fingerprints, masked configuration, listed pass-through keys. */
const legacyState = () => ({
  instanceId: "100001",
  elementKey: "box",
  eventsEnabled: true,
  token: "instance-token",
  name: "Box a events",
  valid: true,
  disabled: false,
  tags: ["prod", "team-a"],
  ownershipTag: "pulumi:test/dev/box-a",
  configuration: {
    ...answered().configuration,
    "filter.response.nulls": "true",
    "oauth.user.id": "263773421",
  },
  passThroughKeys: [] as string[],
  secretFingerprints: {
    apiSecret: legacyFingerprint(inputs.oauth.apiSecret),
    signatureKey: legacyFingerprint(inputs.events?.signatureKey ?? ""),
    authorizationCode: legacyFingerprint(inputs.authorizationCode ?? ""),
  },
});

test("state of earlier releases (secret fingerprints, masked configuration, listed pass-through keys) plans nothing, and a read carries it", (t) => {
  const legacy = legacyState();
  const owned = { ...inputs, ownershipTag: "pulumi:test/dev/box-a" };
  t.deepEqual(planUpdate("100001", legacy, owned).changed, []);
  t.deepEqual(planUpdate("100001", legacy, { ...owned, oauth: { ...owned.oauth, apiSecret: "rotated" } }).changed, [
    "oauth",
  ]);
  t.deepEqual(planUpdate("100001", legacy, { ...owned, authorizationCode: "fresh-code" }).changed, [
    "authorizationCode",
  ]);
  const refreshed = toOutputs(answered(), { recorded: legacy, passThroughKeys: legacy.passThroughKeys });
  t.deepEqual(refreshed.secretFingerprints, legacy.secretFingerprints, "carried until the next write");
  t.is(refreshed.secretDigests, undefined);
  t.deepEqual(planUpdate("100001", refreshed, owned).changed, []);
  const written = toOutputs(answered(), { heldSecrets: heldSecretsOf(owned), passThroughKeys: [] });
  t.is(written.secretFingerprints, undefined, "a write replaces them with digests");
  t.deepEqual(planUpdate("100001", written, owned).changed, []);
});

test("a refresh of earlier releases' state records what AMPLIFY shows of the secrets, so drift plans a write", (t) => {
  const owned = { ...inputs, ownershipTag: "pulumi:test/dev/box-a" };
  const refresh = (configuration: Record<string, string | null>) =>
    toOutputs(answered({ configuration: { ...answered().configuration, ...configuration } }), {
      recorded: legacyState(),
      passThroughKeys: [],
    });
  const signatureKey = owned.events?.signatureKey ?? "";
  t.truthy(signatureKey, "the inputs name a signature key");

  const cleared = refresh({ "event.notification.signature.key": null });
  t.is(cleared.secretFingerprints?.signatureKey, undefined, "a key cleared in the console is forgotten");
  t.deepEqual(planUpdate("100001", cleared, owned).patch, {
    configuration: { "event.notification.signature.key": signatureKey },
  });

  const changed = refresh({ "oauth.api.secret": "changed-in-the-console" });
  t.deepEqual(planUpdate("100001", changed, owned).changed, ["oauth"], "a secret answered in clear is compared");
  t.deepEqual(planUpdate("100001", changed, owned).patch.configuration, { "oauth.api.secret": owned.oauth.apiSecret });

  const { signatureKey: _none, ...withoutKey } = legacyState().secretFingerprints;
  const setElsewhere = toOutputs(answered(), {
    recorded: { ...legacyState(), secretFingerprints: withoutKey },
    passThroughKeys: [],
  });
  const { signatureKey: _key, ...eventsWithoutKey } = owned.events ?? {};
  const noKey = { ...owned, events: eventsWithoutKey };
  t.deepEqual(
    planUpdate("100001", setElsewhere, noKey).patch,
    { configuration: { "event.notification.signature.key": null } },
    "a masked key no input set is unset",
  );
});

test("state from a release that dropped the masked client id plans nothing", (t) => {
  const { "oauth.api.key": _dropped, ...configuration } = toOutputs(answered(), carried).configuration;
  const oldState = { ...toOutputs(answered(), carried), configuration };
  t.deepEqual(planUpdate("100001", oldState, inputs).patch, {}, "no write for a value that was never recorded");
});

/** An instance made in the console: no ownership tags, the client id masked. */
const consoleMade = () =>
  toOutputs(maskedClientId(answered({ tags: ["prod", "team-a"] })), { ...carried, passThroughKeys: [] });

test("adopting a matching instance plans no write: masked values are taken as the inputs', ownership tags wait", (t) => {
  const adopting = { ...inputs, adoptInstanceId: "100001", ownershipTag: "pulumi:test/dev/box-a" };
  const plan = planUpdate("100001", consoleMade(), adopting);
  t.deepEqual(plan.changed, []);
  t.deepEqual(plan.patch, {});
});

test("the first write to an adopted instance carries its ownership tags along", (t) => {
  const adopting = { ...inputs, adoptInstanceId: "100001", ownershipTag: "pulumi:test/dev/box-a", name: "Renamed" };
  const plan = planUpdate("100001", consoleMade(), adopting);
  t.deepEqual(plan.changed, ["name"], "the tags are not a change of their own");
  t.deepEqual(plan.patch, {
    name: "Renamed",
    tags: ["prod", "team-a", "pulumi:test/dev/box-a", "pulumi:test/dev"],
  });
});

test("an instance this provider created still plans its missing ownership tags as a change", (t) => {
  const outs = toOutputs(answered({ tags: ["prod", "team-a"] }), carried);
  const plan = planUpdate("100001", outs, { ...inputs, ownershipTag: "pulumi:test/dev/box-a" });
  t.deepEqual(plan.changed, ["tags"]);
});
