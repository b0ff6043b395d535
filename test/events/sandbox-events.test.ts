import { createHmac } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:net";
import test from "ava";
import { eventRetryDelayMs } from "../../sandbox/index.js";
import { captureReceiver } from "../helpers/capture-receiver.js";
import { eventsSetup, instanceWithEvents, SIGNATURE_KEY } from "../helpers/event-instances.js";
import { call, callAdmin, createInstance, withSandbox } from "../helpers/sandbox-http.js";

const sign = (body: Buffer, key = SIGNATURE_KEY) => `sha256=${createHmac("sha256", key).update(body).digest("base64")}`;

test("a simulated change is POSTed to the callback URL in the platform's shape, signed over the raw body", async (t) => {
  const { sandbox, receiver, id } = await eventsSetup(t);
  const result = await sandbox.simulateBoxChange(id, { objectType: "file", eventType: "CREATED", objectId: "4242" });
  t.true(result.delivered);
  t.is(result.reason, null);
  const [request] = receiver.requests;
  t.is(receiver.requests.length, 1);
  t.is(request?.method, "POST");
  t.is(request?.path, "/hooks/box");
  t.regex(String(request?.headers["content-type"]), /^application\/json/);
  t.is(request?.headers["elements-webhook-signature"], sign(request?.body ?? Buffer.alloc(0)));
  const message = request?.json.message;
  t.is(request?.headers["elements-webhook-id"], message.eventId);
  t.is(message.instanceId, id);
  t.is(message.elementKey, "box");
  t.deepEqual(Object.keys(message).sort(), ["elementKey", "eventId", "events", "instanceId", "raw"]);
  t.like(message.events[0], { objectType: "file", objectId: "4242", eventType: "CREATED" });
  t.false(Number.isNaN(Date.parse(message.events[0].eventDate)));
  t.like(message.raw, { type: "webhook_event", trigger: "FILE.UPLOADED", source: { id: "4242", type: "file" } });
  t.is(message.raw.webhook.id, sandbox.instance(id)?.configuration["event.notification.subscription.id"]);
  const [entry] = result.deliveries;
  t.like(entry, { eventId: message.eventId, status: "NOTIFIED", signed: true, callbackUrl: receiver.url });
  t.like(entry?.attempts, [{ attempt: 1, httpStatus: 200, error: null }]);
});

test("an instance without a signature key gets unsigned deliveries that still carry Elements-Webhook-Id", async (t) => {
  const sandbox = await withSandbox(t);
  const receiver = await captureReceiver(t);
  const id = await instanceWithEvents(t, sandbox, receiver.url, false);
  const result = await sandbox.simulateBoxChange(id, { objectType: "folder", eventType: "DELETED" });
  t.true(result.delivered);
  t.is(receiver.requests[0]?.headers["elements-webhook-signature"], undefined);
  t.truthy(receiver.requests[0]?.headers["elements-webhook-id"]);
  t.like(receiver.requests[0]?.json.message.raw, { trigger: "FOLDER.TRASHED", source: { type: "folder" } });
  t.false(result.deliveries[0]?.signed);
});

test("no event is sent for an instance whose events are off, or that is disabled, and the answer says so", async (t) => {
  const { sandbox, receiver, id } = await eventsSetup(t);
  const quiet = await createInstance(t, sandbox);
  const off = await sandbox.simulateBoxChange(quiet.id, { objectType: "file", eventType: "UPDATED" });
  t.false(off.delivered);
  t.regex(off.reason ?? "", /events are disabled on instance \d+/);
  t.deepEqual(off.deliveries, []);

  t.is((await call(sandbox, "DELETE", `/instances/${id}/enabled`)).status, 200);
  const disabled = await sandbox.simulateBoxChange(id, { objectType: "file", eventType: "UPDATED" });
  t.false(disabled.delivered);
  t.regex(disabled.reason ?? "", /is disabled/);
  t.is(receiver.requests.length, 0);
  t.deepEqual((await call(sandbox, "GET", `/instances/${quiet.id}/events`)).body, []);
  t.deepEqual(sandbox.eventDeliveries(), []);
});

test("more than 20 changes go out as notifications of at most 20 events, each signed", async (t) => {
  const { sandbox, receiver, id } = await eventsSetup(t);
  const changes = Array.from({ length: 45 }, (_, index) => ({
    objectType: "file" as const,
    eventType: "UPDATED" as const,
    objectId: String(1000 + index),
  }));
  const result = await sandbox.simulateBoxChange(id, changes);
  t.true(result.delivered);
  t.deepEqual(receiver.requests.map((request) => request.json.message.events.length).sort(), [20, 20, 5]);
  for (const request of receiver.requests) {
    t.is(request.headers["elements-webhook-signature"], sign(request.body));
    t.is(request.json.message.raw.type, "webhook_event_batch");
  }
  const ids = receiver.requests.flatMap((request) =>
    request.json.message.events.map((e: { objectId: string }) => e.objectId),
  );
  t.deepEqual(ids.sort(), changes.map((change) => change.objectId).sort());
});

test("a failed delivery is repeated on the 4^x schedule, and GET /instances/{id}/events shows every attempt", async (t) => {
  const { sandbox, receiver, id } = await eventsSetup(t, { eventRetryBaseMs: 5 });
  receiver.respondWith((_request, index) => (index < 2 ? 500 : 200));
  const result = await sandbox.simulateBoxChange(id, { objectType: "file", eventType: "CREATED" });
  t.false(result.delivered);
  t.like(result.deliveries[0], { status: "DISPATCHED", attempts: [{ httpStatus: 500, error: "HTTP 500" }] });
  t.truthy(result.deliveries[0]?.nextAttemptDate);
  await sandbox.eventsSettled();

  const log = await call(sandbox, "GET", `/instances/${id}/events`);
  t.is(log.status, 200);
  t.is(log.body.length, 1);
  t.like(log.body[0], { status: "NOTIFIED", instanceId: id, nextAttemptDate: null });
  t.deepEqual(
    log.body[0].attempts.map((attempt: { httpStatus: number }) => attempt.httpStatus),
    [500, 500, 200],
  );
  const sent = log.body[0].attempts.map((attempt: { date: string }) => Date.parse(attempt.date));
  t.true(sent[1] - sent[0] >= 20 - 2, "first repeat after 4^1 × 5 ms");
  t.true(sent[2] - sent[1] >= 80 - 2, "second repeat after 4^2 × 5 ms");
  const ids = new Set(receiver.requests.map((request) => request.headers["elements-webhook-id"]));
  t.is(ids.size, 1, "every repeat carries the same Elements-Webhook-Id");
  t.is(new Set(receiver.requests.map((request) => request.body.toString())).size, 1, "and the same bytes");
  t.is((await call(sandbox, "GET", `/instances/${id}/events`, undefined, { authorization: null })).status, 401);
});

test("the retry schedule is the platform's 4^x, with seconds shrunk to eventRetryBaseMs", (t) => {
  const platform = { limit: 9, baseMs: 1000 };
  t.is(eventRetryDelayMs(platform, 1), 4000);
  t.is(eventRetryDelayMs(platform, 9), 262_144_000, "the last wait is about 73 hours");
  t.is(eventRetryDelayMs(platform, 10), undefined);
  t.is(eventRetryDelayMs(platform, 0), undefined);
  t.is(eventRetryDelayMs({ limit: 9, baseMs: 10 }, 3), 640);
});

test("after the last repeat fails the subscription is inactive; changes queue until the callback URL changes", async (t) => {
  const { sandbox, receiver, id } = await eventsSetup(t, { eventRetryBaseMs: 1, eventRetryLimit: 2 });
  receiver.respondWith(503);
  await sandbox.simulateBoxChange(id, { objectType: "file", eventType: "CREATED" });
  await sandbox.eventsSettled();
  const [failed] = sandbox.eventDeliveries(id);
  t.like(failed, { status: "FAILED", nextAttemptDate: null });
  t.is(failed?.attempts.length, 3);
  t.regex(failed?.note ?? "", /subscription of instance \d+ is inactive/);
  t.like((await callAdmin(sandbox, "GET", `/instances/${id}/events`)).body.subscription, { active: false, queued: 0 });

  const queued = await sandbox.simulateBoxChange(id, { objectType: "file", eventType: "UPDATED" });
  t.false(queued.delivered);
  t.regex(queued.reason ?? "", /inactive/);
  t.like(queued.deliveries, [{ status: "NEW", attempts: [] }]);
  t.is(receiver.requests.length, 3, "nothing more was sent");

  const fixed = await captureReceiver(t, "/fixed");
  const patched = await call(sandbox, "PATCH", `/instances/${id}`, {
    configuration: { "event.notification.callback.url": fixed.url },
  });
  t.is(patched.status, 200);
  const next = await sandbox.simulateBoxChange(id, { objectType: "file", eventType: "DELETED" });
  t.true(next.delivered);
  t.deepEqual(
    fixed.requests.map((request) => request.json.message.events[0].eventType).sort(),
    ["DELETED", "UPDATED"],
    "the queued change went out with the next one",
  );
  t.like((await callAdmin(sandbox, "GET", `/instances/${id}/events`)).body.subscription, { active: true, queued: 0 });
});

test("a refused connection is a failed attempt, and a redirect is an answer that is not followed", async (t) => {
  const sandbox = await withSandbox(t, { eventRetryLimit: 0 });
  const closedPort = await freePort();
  const unreachable = await instanceWithEvents(t, sandbox, `http://127.0.0.1:${closedPort}/hook`);
  const refused = await sandbox.simulateBoxChange(unreachable, { objectType: "file", eventType: "CREATED" });
  t.like(refused.deliveries[0], { status: "FAILED", attempts: [{ httpStatus: null, error: "ECONNREFUSED" }] });

  const elsewhere = await captureReceiver(t, "/elsewhere");
  const redirecting = await captureReceiver(t);
  redirecting.respondWith(307, { location: elsewhere.url });
  const id = await instanceWithEvents(t, sandbox, redirecting.url);
  const redirected = await sandbox.simulateBoxChange(id, { objectType: "file", eventType: "CREATED" });
  t.like(redirected.deliveries[0], { status: "FAILED", attempts: [{ httpStatus: 307, error: "HTTP 307" }] });
  t.is(redirecting.requests.length, 1);
  t.is(elsewhere.requests.length, 0, "delivery goes to the configured URL only");
});

test("turning events off cancels a pending repeat", async (t) => {
  const { sandbox, receiver, id } = await eventsSetup(t, { eventRetryBaseMs: 50 });
  receiver.respondWith(500);
  await sandbox.simulateBoxChange(id, { objectType: "file", eventType: "CREATED" });
  const off = await call(sandbox, "PATCH", `/instances/${id}`, {
    configuration: { "event.notification.enabled": false },
  });
  t.is(off.status, 200);
  await sandbox.eventsSettled();
  t.like(sandbox.eventDeliveries(id), [{ status: "CANCELLED" }]);
  t.regex(sandbox.eventDeliveries(id)[0]?.note ?? "", /events are disabled/);
  t.is(receiver.requests.length, 1);
});

test("close() stops pending repeats", async (t) => {
  const { sandbox, receiver, id } = await eventsSetup(t, { eventRetryBaseMs: 5 });
  receiver.respondWith(500);
  await sandbox.simulateBoxChange(id, { objectType: "file", eventType: "CREATED" });
  await sandbox.close();
  await sandbox.eventsSettled();
  await new Promise((done) => setTimeout(done, 300));
  t.is(receiver.requests.length, 1);
});

test("POST /__sandbox/instances/{id}/events simulates a change without Authorization, and refuses bad ones", async (t) => {
  const { sandbox, receiver, id } = await eventsSetup(t);
  const answer = await callAdmin(sandbox, "POST", `/instances/${id}/events`, {
    objectType: "folder",
    eventType: "CREATED",
    objectId: "77",
  });
  t.is(answer.status, 200);
  t.true(answer.body.delivered);
  t.like(receiver.requests[0]?.json.message.events[0], { objectType: "folder", objectId: "77", eventType: "CREATED" });

  const bad = await callAdmin(sandbox, "POST", `/instances/${id}/events`, { objectType: "file", eventType: "MOVED" });
  t.is(bad.status, 400);
  t.regex(bad.body.message, /eventType must be one of CREATED, UPDATED, DELETED/);
  t.is(
    (await callAdmin(sandbox, "POST", "/instances/999999/events", { objectType: "file", eventType: "CREATED" })).status,
    404,
  );
  t.is((await callAdmin(sandbox, "POST", `/instances/${id}/events`, { changes: [] })).status, 400);
  await t.throwsAsync(() => sandbox.simulateBoxChange(id, { objectType: "file", eventType: "NOPE" as "CREATED" }), {
    message: /eventType must be one of/,
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

test("changes queued behind an inactive subscription are dropped when events are turned off", async (t) => {
  const { sandbox, receiver, id } = await eventsSetup(t, { eventRetryBaseMs: 1, eventRetryLimit: 0 });
  receiver.respondWith(500);
  await sandbox.simulateBoxChange(id, { objectType: "file", eventType: "CREATED" });
  const queued = await sandbox.simulateBoxChange(id, { objectType: "file", eventType: "UPDATED" });
  t.like(queued.deliveries, [{ status: "NEW" }]);
  await call(sandbox, "PATCH", `/instances/${id}`, { configuration: { "event.notification.enabled": false } });
  await sandbox.simulateBoxChange(id, { objectType: "file", eventType: "DELETED" });
  t.deepEqual(
    sandbox.eventDeliveries(id).map((delivery) => delivery.status),
    ["FAILED", "CANCELLED"],
  );
  t.is(receiver.requests.length, 1);
});
