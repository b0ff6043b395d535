import test from "ava";
import { type Instance, MASKED_VALUE } from "../../provider/client/instance-types.js";
import { fingerprint } from "../../provider/mapping/fingerprint.js";
import { nonSecretValues, toObservedInputs, toOutputs } from "../../provider/mapping/from-instance.js";
import { planUpdate } from "../../provider/mapping/plan-update.js";
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
const carried = {
  secretFingerprints: {
    apiSecret: fingerprint(inputs.oauth.apiSecret),
    signatureKey: fingerprint(inputs.events?.signatureKey ?? ""),
    authorizationCode: fingerprint(inputs.authorizationCode ?? ""),
  },
  passThroughKeys: [],
};
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
  const refreshed = toOutputs(maskedClientId(answered()), { ...carried, knownConfiguration: before.configuration });
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

test("platform-written keys and nulls are recorded but plan nothing", (t) => {
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
  const outs = toOutputs(full, carried);
  t.is(outs.configuration["oauth.user.id"], "263773421");
  t.is(outs.configuration["oauth.user.token"], MASKED_VALUE, "a secret never keeps its value");
  t.deepEqual(planUpdate("100001", outs, inputs).patch, {});
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
    carried,
  );
  t.false(outs.eventsEnabled);
  t.deepEqual(planUpdate("100001", outs, quiet).patch, {});
  t.deepEqual(planUpdate("100001", outs, boxInputs({ events: { enabled: false } })).patch, {});
  t.deepEqual(
    planUpdate("100001", outs, boxInputs({ events: { enabled: true, callbackUrl: "https://h.example.com" } })).patch,
    {
      configuration: { "event.notification.enabled": true, "event.notification.callback.url": "https://h.example.com" },
    },
  );
});

test("a secret answered in clear refreshes its fingerprint: a change made out of band shows and is planned back", (t) => {
  const clear = answered({
    configuration: {
      ...answered().configuration,
      "oauth.api.secret": inputs.oauth.apiSecret,
      "event.notification.signature.key": "changed-in-the-console",
    },
  });
  const outs = toOutputs(clear, carried);
  t.is(outs.configuration["oauth.api.secret"], MASKED_VALUE, "never the value itself");
  t.is(outs.configuration["event.notification.signature.key"], MASKED_VALUE);
  t.is(outs.secretFingerprints.apiSecret, carried.secretFingerprints.apiSecret, "unchanged secret, same fingerprint");
  t.is(outs.secretFingerprints.signatureKey, fingerprint("changed-in-the-console"));
  const plan = planUpdate("100001", outs, inputs);
  t.deepEqual(plan.patch, { configuration: { "event.notification.signature.key": inputs.events?.signatureKey ?? "" } });
});

test("an answer without a token keeps the token state holds", (t) => {
  const { token: _token, ...withoutToken } = answered();
  t.is(toOutputs(withoutToken, { ...carried, knownToken: "from-state" }).token, "from-state");
  t.is(toOutputs(answered(), { ...carried, knownToken: "from-state" }).token, "instance-token", "an answer wins");
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
