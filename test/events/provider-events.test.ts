import { createHmac } from "node:crypto";
import test, { type ExecutionContext } from "ava";
import {
  startWebhookReceiver,
  type WebhookDelivery,
  type WebhookReceiver,
} from "../../examples/webhook-receiver/index.js";
import { verifyWebhookSignature } from "../../provider/events/verify-webhook-signature.js";
import type { BoxInstanceInputs, BoxInstanceOutputs } from "../../provider/mapping/box-instance-state.js";
import { type SandboxOptions, startSandbox } from "../../sandbox/index.js";
import { boxInputs, secretValues } from "../helpers/box-inputs.js";
import { captureReceiver } from "../helpers/capture-receiver.js";
import { checkAndCreate, configureFor, provider } from "../helpers/provider-session.js";

/** Events provisioned through the provider, delivered by the sandbox, verified by examples/webhook-receiver. */

const { signatureKey } = secretValues();

async function withSandbox(t: ExecutionContext, options: SandboxOptions = {}) {
  const sandbox = await startSandbox(options);
  t.teardown(() => sandbox.close());
  await configureFor(sandbox);
  return sandbox;
}

interface Receiving {
  readonly receiver: WebhookReceiver;
  readonly deliveries: WebhookDelivery[];
  readonly lines: string[];
}

async function withReceiver(
  t: ExecutionContext,
  key = signatureKey,
  onEvent: (delivery: WebhookDelivery) => void = () => undefined,
): Promise<Receiving> {
  const deliveries: WebhookDelivery[] = [];
  const lines: string[] = [];
  const receiver = await startWebhookReceiver({
    port: 0,
    signatureKey: key,
    onEvent: (delivery) => {
      deliveries.push(delivery);
      onEvent(delivery);
    },
    log: (line) => lines.push(line),
  });
  t.teardown(() => receiver.close());
  return { receiver, deliveries, lines };
}

const eventsTo = (callbackUrl: string, enabled = true): Partial<BoxInstanceInputs> => ({
  events: { enabled, callbackUrl, signatureKey },
});

test.serial("an event provisioned through the provider reaches the receiver, which verifies and logs it", async (t) => {
  const sandbox = await withSandbox(t);
  const { receiver, deliveries, lines } = await withReceiver(t);
  const { id } = await checkAndCreate(boxInputs(eventsTo(receiver.url)));

  const result = await sandbox.simulateBoxChange(Number(id), {
    objectType: "file",
    eventType: "CREATED",
    objectId: "981",
  });
  t.true(result.delivered);
  t.is(deliveries.length, 1);
  const [delivery] = deliveries;
  t.is(delivery?.instanceId, Number(id));
  t.is(delivery?.webhookId, delivery?.eventId);
  t.like(delivery?.events, [{ objectType: "file", objectId: "981", eventType: "CREATED" }]);
  t.like(delivery?.message, { elementKey: "box", raw: { trigger: "FILE.UPLOADED" } });
  t.deepEqual(lines, [`event ${delivery?.eventId} instance ${id}: file 981 CREATED (signature verified)`]);
});

test.serial(
  "a tampered body, a wrong key and a missing signature are rejected, by the verifier and the receiver",
  async (t) => {
    const sandbox = await withSandbox(t);
    const capture = await captureReceiver(t);
    const { id, outs, inputs } = await checkAndCreate(boxInputs(eventsTo(capture.url)));
    await sandbox.simulateBoxChange(Number(id), { objectType: "file", eventType: "UPDATED" });
    const [original] = capture.requests;
    const body = original?.body ?? Buffer.alloc(0);
    const header = original?.headers["elements-webhook-signature"] as string;
    const tampered = Buffer.from(body.toString("utf8").replace('"UPDATED"', '"DELETED"'));
    const wrongKeyHeader = `sha256=${createHmac("sha256", "not-the-signature-key").update(body).digest("base64")}`;

    t.true(verifyWebhookSignature(body, header, signatureKey));
    t.false(verifyWebhookSignature(tampered, header, signatureKey));
    t.false(verifyWebhookSignature(body, wrongKeyHeader, signatureKey));
    t.false(verifyWebhookSignature(body, header, "not-the-signature-key"));

    const { receiver, deliveries, lines } = await withReceiver(t);
    const replay = (bytes: Buffer, signature: string | undefined) =>
      fetch(receiver.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(signature === undefined ? {} : { "elements-webhook-signature": signature }),
        },
        body: bytes,
      }).then((response) => response.status);
    t.is(await replay(tampered, header), 401);
    t.is(await replay(body, wrongKeyHeader), 401);
    t.is(await replay(body, undefined), 401);
    t.is(await replay(body, header.replace("sha256=", "sha1=")), 401);
    t.is(deliveries.length, 0);
    t.is(await replay(body, header), 200, "the genuine delivery passes");
    t.is(deliveries.length, 1);
    t.false(lines.join("\n").includes(signatureKey));

    // A receiver holding another key refuses the sandbox's real deliveries, and the sandbox records the 401.
    const stranger = await withReceiver(t, "a-key-the-instance-does-not-have");
    await provider.update(id, outs, { ...inputs, ...eventsTo(stranger.receiver.url) });
    const refused = await sandbox.simulateBoxChange(Number(id), { objectType: "file", eventType: "DELETED" });
    t.false(refused.delivered);
    t.like(refused.deliveries[0]?.attempts, [{ httpStatus: 401 }]);
    t.is(stranger.deliveries.length, 0);
  },
);

test.serial("turning events off through the provider's update stops deliveries", async (t) => {
  const sandbox = await withSandbox(t);
  const { receiver, deliveries } = await withReceiver(t);
  const { id, outs, inputs } = await checkAndCreate(boxInputs(eventsTo(receiver.url)));
  t.true((await sandbox.simulateBoxChange(Number(id), { objectType: "file", eventType: "CREATED" })).delivered);

  const off = { ...inputs, ...eventsTo(receiver.url, false) };
  t.true((await provider.diff(id, outs, off)).changes);
  const updated = await provider.update(id, outs, off);
  t.is((updated.outs as BoxInstanceOutputs).configuration["event.notification.enabled"], "false");
  const after = await sandbox.simulateBoxChange(Number(id), { objectType: "file", eventType: "UPDATED" });
  t.false(after.delivered);
  t.regex(after.reason ?? "", /events are disabled/);
  t.is(deliveries.length, 1, "nothing arrived after events were turned off");
  t.is(sandbox.eventDeliveries(Number(id)).length, 1);
});

test.serial("a receiver answering 500 makes the sandbox repeat, as GET /instances/{id}/events shows", async (t) => {
  const sandbox = await withSandbox(t, { eventRetryBaseMs: 5 });
  let calls = 0;
  const { receiver, deliveries } = await withReceiver(t, signatureKey, () => {
    calls += 1;
    if (calls <= 2) {
      throw new Error("the downstream queue is full");
    }
  });
  const { id } = await checkAndCreate(boxInputs(eventsTo(receiver.url)));
  const first = await sandbox.simulateBoxChange(Number(id), { objectType: "folder", eventType: "CREATED" });
  t.false(first.delivered);
  await sandbox.eventsSettled();

  const response = await fetch(`${sandbox.baseUrl}/instances/${id}/events`, {
    headers: { authorization: sandbox.authorization },
  });
  t.is(response.status, 200);
  const log = (await response.json()) as Array<{ status: string; attempts: Array<{ httpStatus: number }> }>;
  t.is(log.length, 1);
  t.is(log[0]?.status, "NOTIFIED");
  t.deepEqual(
    log[0]?.attempts.map((attempt) => attempt.httpStatus),
    [500, 500, 200],
  );
  t.is(deliveries.length, 3);
  t.is(new Set(deliveries.map((delivery) => delivery.webhookId)).size, 1, "one notification, repeated");
});
