import * as pulumi from "@pulumi/pulumi";
import test from "ava";
import type { BoxInstanceOutputs } from "../../provider/mapping/box-instance-state.js";
import { BoxConnectorInstance } from "../../provider/resource/box-connector-instance.js";

/**
 * The outputs a program reads, from the state the provider records (BoxInstanceOutputs), through Pulumi's mock
 * engine: what state leaves out because it can be derived (instanceId, elementKey, eventsEnabled) or because it
 * holds the usual value (valid, disabled) still reads as before.
 */

const recorded = new Map<string, Partial<BoxInstanceOutputs>>([
  [
    "usual",
    {
      token: "token-usual",
      name: "Box usual",
      tags: ["prod"],
      configuration: { "oauth.api.key": "client-id", "event.notification.enabled": "true" },
      status: { createdDate: "2026-12-05T06:00:00Z" },
    },
  ],
  [
    "unusual",
    {
      token: "token-unusual",
      name: "Box unusual",
      tags: [],
      configuration: { "oauth.api.key": "client-id" },
      status: { valid: false, disabled: true },
    },
  ],
]);

const ready = pulumi.runtime.setMocks(
  {
    newResource: (registration) => ({
      id: `10000${registration.name === "usual" ? 1 : 2}`,
      state: recorded.get(registration.name) ?? {},
    }),
    call: () => ({}),
  },
  "outputs",
  "test",
  false,
);

const resolvedValue = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

const args = {
  authorizationCode: "code",
  oauth: { apiKey: "client-id", apiSecret: "client-secret", callbackUrl: "https://app.example.com/oauth/box" },
};

test("derived outputs read from the recorded state: id, element, events switch, status", async (t) => {
  await ready;
  const usual = new BoxConnectorInstance("usual", args);
  t.is(await resolvedValue(usual.instanceId), "100001");
  t.is(await resolvedValue(usual.elementKey), "box");
  t.true(await resolvedValue(usual.eventsEnabled));
  t.is(await resolvedValue(usual.createdDate), "2026-12-05T06:00:00Z");
  t.true(await resolvedValue(usual.valid), "a missing valid reads true");
  t.false(await resolvedValue(usual.disabled), "a missing disabled reads false");
  t.deepEqual(await resolvedValue(usual.tags), ["prod"]);
  t.is(await resolvedValue(usual.token), "token-usual");

  const unusual = new BoxConnectorInstance("unusual", args);
  t.false(await resolvedValue(unusual.eventsEnabled), "a missing events switch reads as the platform default, off");
  t.false(await resolvedValue(unusual.valid));
  t.true(await resolvedValue(unusual.disabled));
  t.is(await resolvedValue(unusual.createdDate), undefined);
});
