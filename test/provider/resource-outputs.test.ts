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

const valueOf = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

const args = {
  authorizationCode: "code",
  oauth: { apiKey: "client-id", apiSecret: "client-secret", callbackUrl: "https://app.example.com/oauth/box" },
};

test("derived outputs read from the recorded state: id, element, events switch, status", async (t) => {
  await ready;
  const usual = new BoxConnectorInstance("usual", args);
  t.is(await valueOf(usual.instanceId), "100001");
  t.is(await valueOf(usual.elementKey), "box");
  t.true(await valueOf(usual.eventsEnabled));
  t.is(await valueOf(usual.createdDate), "2026-12-05T06:00:00Z");
  t.true(await valueOf(usual.valid), "a missing valid reads true");
  t.false(await valueOf(usual.disabled), "a missing disabled reads false");
  t.deepEqual(await valueOf(usual.tags), ["prod"]);
  t.is(await valueOf(usual.token), "token-usual");

  const unusual = new BoxConnectorInstance("unusual", args);
  t.false(await valueOf(unusual.eventsEnabled), "a missing events switch reads as the platform default, off");
  t.false(await valueOf(unusual.valid));
  t.true(await valueOf(unusual.disabled));
  t.is(await valueOf(unusual.createdDate), undefined);
});
