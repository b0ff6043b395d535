import test from "ava";
import { importInstances } from "../../cli/import/imported-instance.js";
import { existingEntries } from "../../cli/import/yaml-output.js";
import type { Instance } from "../../provider/client/instance-types.js";

let nextId = 100001;
function boxInstance(name: string, apiKey: string, configuration: Instance["configuration"] = {}): Instance {
  return {
    id: nextId++,
    name,
    element: { key: "box" },
    tags: [],
    configuration: {
      "oauth.api.key": apiKey,
      "oauth.api.secret": "********",
      "oauth.callback.url": "https://app.example.com/oauth/box",
      "event.notification.signature.key": "********",
      ...configuration,
    },
  };
}

test("secret config keys never collide: not between instances, nor with keys the merged file uses", (t) => {
  const existing = existingEntries(
    [
      "defaults:",
      "  oauth: { apiKey: app-x, apiSecret: { secret: boxClientSecret }, callbackUrl: https://x.example.com }",
      "instances:",
      "  old: { authorization: { code: { secret: boxWebhookKeyBoxProd } } }",
      "",
    ].join("\n"),
  );
  const outcome = importInstances(
    [boxInstance("Box prod", "app-y"), boxInstance("box_prod", "app-z"), boxInstance("Box x", "app-x")],
    {
      apiKey: undefined,
      takenNames: existing.logicalNames,
      takenSecretKeys: existing.secretKeys,
      knownAppSecrets: existing.appSecrets,
    },
  );
  if (!outcome.ok) {
    t.fail(outcome.problem);
    return;
  }
  const [prod, prod2, x] = outcome.instances;
  t.is(x?.oauth.apiSecretKey, "boxClientSecret", "the app the file's defaults name keeps the file's key");
  t.not(prod?.oauth.apiSecretKey, prod2?.oauth.apiSecretKey);
  const keys = outcome.secrets.map((secret) => secret.key);
  t.is(new Set(keys).size, keys.length, `one key per secret: ${keys.join(", ")}`);
  t.false(
    keys.filter((key) => key !== "boxClientSecret").some((key) => existing.secretKeys.has(key)),
    "no new key is one the file already uses for something else",
  );
});

test("configuration that can hold credentials is left out and listed, never written", (t) => {
  const outcome = importInstances(
    [
      boxInstance("Box", "app", {
        "event.notification.callback.headers": '{"Authorization": "Bearer abcdef123456"}',
        "event.notification.basic.username": "hooks",
        "my.setting": "User usr-secret-0123, Organization org-secret-0123",
        "filter.response.nulls": "false",
      }),
    ],
    { apiKey: undefined, takenNames: new Set() },
  );
  if (!outcome.ok) {
    t.fail(outcome.problem);
    return;
  }
  const [only] = outcome.instances;
  t.deepEqual(only?.configuration, { "filter.response.nulls": false });
  t.deepEqual([...(only?.leftOut ?? [])].sort(), [
    "event.notification.basic.username",
    "event.notification.callback.headers",
    "my.setting",
  ]);
});

test("events the platform leaves out read as off, as the provider's plan reads them", (t) => {
  const instance = { ...boxInstance("Box", "app"), eventsEnabled: true };
  const outcome = importInstances([instance], { apiKey: undefined, takenNames: new Set() });
  t.true(outcome.ok);
  t.is(outcome.ok ? outcome.instances[0]?.events.enabled : undefined, false);
});
