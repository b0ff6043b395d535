import test from "ava";
import type { BoxInstanceInputs, BoxInstanceOutputs } from "../../provider/mapping/box-instance-state.js";
import { heldSecretsOf, PlanError, planUpdate } from "../../provider/mapping/plan-update.js";
import { digestSecrets } from "../../provider/mapping/secret-digests.js";
import { boxInputs } from "../helpers/box-inputs.js";

/** The outputs a create of `inputs` records, as the platform would report them. */
function appliedOutputs(inputs: BoxInstanceInputs): BoxInstanceOutputs {
  return {
    token: "tok",
    name: inputs.name ?? "",
    tags: [...(inputs.tags ?? [])],
    configuration: {
      "oauth.api.key": inputs.oauth.apiKey,
      "oauth.callback.url": inputs.oauth.callbackUrl,
      "event.notification.enabled": String(inputs.events?.enabled ?? false),
      ...(inputs.events?.callbackUrl === undefined
        ? {}
        : { "event.notification.callback.url": inputs.events.callbackUrl }),
      ...Object.fromEntries(Object.entries(inputs.configuration ?? {}).map(([k, v]) => [k, String(v)])),
    },
    secretDigests: digestSecrets("tok", heldSecretsOf(inputs)),
    ...(inputs.ownershipTag === undefined ? {} : { ownershipTag: inputs.ownershipTag }),
  };
}

test("unchanged inputs plan nothing", (t) => {
  const inputs = boxInputs({ configuration: { "filter.response.nulls": true } });
  const plan = planUpdate("100001", appliedOutputs(inputs), inputs);
  t.deepEqual(plan.changed, []);
  t.deepEqual(plan.replaces, []);
  t.deepEqual(plan.patch, {});
});

test("a new webhook URL patches only that key", (t) => {
  const inputs = boxInputs();
  const news = boxInputs({ events: { ...inputs.events, callbackUrl: "https://new.example.com/hook" } });
  const plan = planUpdate("100001", appliedOutputs(inputs), news);
  t.deepEqual(plan.changed, ["events"]);
  t.deepEqual(plan.patch, { configuration: { "event.notification.callback.url": "https://new.example.com/hook" } });
});

test("tags and name update in place, tags sent whole with the ownership tags", (t) => {
  const inputs = boxInputs();
  const plan = planUpdate("100001", appliedOutputs(inputs), { ...inputs, name: "Renamed", tags: ["prod"] });
  t.deepEqual(plan.changed, ["name", "tags"]);
  t.deepEqual(plan.patch, { name: "Renamed", tags: ["prod", "pulumi:test/dev/box-a", "pulumi:test/dev"] });
  t.deepEqual(plan.replaces, []);
});

test("an instance without the stack tag (made by an earlier release) plans no change for it", (t) => {
  const inputs = boxInputs();
  // Outputs keep the resource tag only; whether the instance carries the stack tag is not in them.
  const plan = planUpdate("100001", appliedOutputs(inputs), inputs);
  t.deepEqual(plan.changed, []);
  t.deepEqual(plan.patch, {});
});

test("a rotated client secret and signature key are sent, compared by digest", (t) => {
  const inputs = boxInputs();
  const news = boxInputs({}, "a");
  news.oauth = { ...news.oauth, apiSecret: "rotated-client-secret" };
  news.events = { ...news.events, signatureKey: "rotated-signature-key" };
  const plan = planUpdate("100001", appliedOutputs(inputs), news);
  t.deepEqual(plan.patch.configuration, {
    "oauth.api.secret": "rotated-client-secret",
    "event.notification.signature.key": "rotated-signature-key",
  });
  t.is(plan.heldSecrets.apiSecret, "rotated-client-secret", "the outputs then record its digest");
});

test("a new grant code re-authenticates the same instance", (t) => {
  const inputs = boxInputs();
  const plan = planUpdate("100001", appliedOutputs(inputs), { ...inputs, authorizationCode: "fresh-code-123456" });
  t.deepEqual(plan.changed, ["authorizationCode"]);
  t.deepEqual(plan.patch, { providerData: { code: "fresh-code-123456" } });
  t.deepEqual(plan.replaces, []);
});

test("a new Box app with the used code fails at plan time, saying a fresh code is needed", (t) => {
  const inputs = boxInputs();
  const error = t.throws(
    () => planUpdate("100001", appliedOutputs(inputs), { ...inputs, oauth: { ...inputs.oauth, apiKey: "other-app" } }),
    { instanceOf: PlanError },
  );
  t.regex(error?.message ?? "", /fresh authorizationCode/);
  t.regex(error?.message ?? "", /already used/);
  t.false((error?.message ?? "").includes(inputs.authorizationCode ?? "?"));
});

test("a new Box app with a fresh code re-authenticates in place", (t) => {
  const inputs = boxInputs();
  const news = {
    ...inputs,
    oauth: { ...inputs.oauth, apiKey: "other-app" },
    authorizationCode: "fresh-code-for-other",
  };
  const plan = planUpdate("100001", appliedOutputs(inputs), news);
  t.deepEqual(plan.replaces, []);
  t.deepEqual(plan.patch.providerData, { code: "fresh-code-for-other" });
  t.is(plan.patch.configuration?.["oauth.api.key"], "other-app");
});

test("drift made outside shows as a change back to the inputs", (t) => {
  const inputs = boxInputs();
  const drifted = appliedOutputs(inputs);
  drifted.configuration["event.notification.callback.url"] = "https://console-edit.example.com";
  // A refresh that finds the signature key unset drops its digest (from-instance.ts).
  delete drifted.secretDigests?.signatureKey;
  const plan = planUpdate("100001", drifted, inputs);
  t.deepEqual(plan.changed, ["events"]);
  t.deepEqual(plan.patch.configuration, {
    "event.notification.callback.url": "https://app.example.com/hooks/box",
    "event.notification.signature.key": inputs.events?.signatureKey ?? null,
  });
});

test("turning events off and dropping a pass-through key resets them", (t) => {
  const inputs = boxInputs({ configuration: { "events.list.ids": "1,2" } });
  const news = boxInputs({ events: { enabled: false } });
  const plan = planUpdate("100001", appliedOutputs(inputs), news);
  t.deepEqual(plan.patch.configuration, {
    "event.notification.enabled": false,
    "event.notification.callback.url": null,
    "event.notification.signature.key": null,
    "events.list.ids": null,
  });
});

test("pointing adoptInstanceId at another instance replaces; removing it changes nothing", (t) => {
  const inputs = boxInputs();
  const olds = appliedOutputs(inputs);
  t.deepEqual(planUpdate("100001", olds, { ...inputs, adoptInstanceId: "200002" }).replaces, ["adoptInstanceId"]);
  t.deepEqual(planUpdate("100001", olds, { ...inputs, adoptInstanceId: "100001" }).replaces, []);
  t.deepEqual(planUpdate("100001", olds, inputs).changed, []);
});
