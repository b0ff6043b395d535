import test from "ava";
import { type GateTicket, RequestGate, requestGateFor } from "../../provider/client/request-gate.js";
import { startSandbox } from "../../sandbox/index.js";
import { clientFor } from "../helpers/client-for.js";

/**
 * The process-wide pacing of requests after a 429 (request-gate.ts). Unit tests use a short window so that they run
 * in well under a second; timing checks keep wide margins so that a loaded machine cannot fail them.
 */

async function admitMany(gate: RequestGate, count: number): Promise<GateTicket[]> {
  return Promise.all(Array.from({ length: count }, () => gate.admit()));
}

test("requests leave at once while the platform has refused none", async (t) => {
  const gate = new RequestGate({ windowMs: 200 });
  const started = Date.now();
  const tickets = await admitMany(gate, 50);
  t.is(tickets.length, 50);
  t.true(Date.now() - started < 100);
  t.is(gate.limit, undefined);
});

test("after a 429 nothing leaves before its Retry-After", async (t) => {
  const gate = new RequestGate({ windowMs: 200 });
  const [first] = await admitMany(gate, 1);
  gate.refused(first as GateTicket, 300);
  const started = Date.now();
  await gate.admit();
  t.true(Date.now() - started >= 290, `left after ${Date.now() - started} ms`);
});

test("after a 429 the gate keeps to the rate the platform admitted, refusals not counted", async (t) => {
  const gate = new RequestGate({ windowMs: 200, marginMs: 0 });
  const admitted = await admitMany(gate, 4);
  const [refused] = await admitMany(gate, 1);
  gate.refused(refused as GateTicket, 0);
  t.is(gate.limit, 4);
  const tickets = await admitMany(gate, 12);
  const sentAt = [...admitted, ...tickets].map((ticket) => ticket.sentAt);
  for (const at of sentAt) {
    const inWindow = sentAt.filter((other) => other > at - 200 && other <= at).length;
    t.true(inWindow <= 4, `${inWindow} requests within one window`);
  }
  const spread = (tickets.at(-1)?.sentAt ?? 0) - (tickets[0]?.sentAt ?? 0);
  t.true(spread >= 2 * 200 - 10, `12 requests at 4 per 200 ms took ${spread} ms`);
});

test("a refusal right after a pause teaches no lower limit: the platform's window still holds older requests", async (t) => {
  const gate = new RequestGate({ windowMs: 200, marginMs: 0 });
  await admitMany(gate, 4);
  const [first] = await admitMany(gate, 1);
  gate.refused(first as GateTicket, 100);
  t.is(gate.limit, 4);
  await admitMany(gate, 2);
  const [second] = await admitMany(gate, 1);
  gate.refused(second as GateTicket, 0);
  t.is(gate.limit, 4);
});

test("a lone 429 pauses but teaches no rate", async (t) => {
  const gate = new RequestGate({ windowMs: 200 });
  const [only] = await admitMany(gate, 1);
  gate.refused(only as GateTicket, 100);
  t.is(gate.limit, undefined);
  const tickets = await admitMany(gate, 20);
  const first = tickets[0]?.sentAt ?? 0;
  t.true(first - (only?.sentAt ?? 0) >= 90, "waited for Retry-After");
  t.true((tickets.at(-1)?.sentAt ?? 0) - first < 50, "then all left together");
});

test("a learned limit is raised by half after a quiet spell", async (t) => {
  const gate = new RequestGate({ windowMs: 100, probeAfterMs: 150 });
  await admitMany(gate, 4);
  const [refused] = await admitMany(gate, 1);
  gate.refused(refused as GateTicket, 0);
  t.is(gate.limit, 4);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await gate.admit();
  t.is(gate.limit, 6);
});

test("one gate per base URL, shared by the whole process", (t) => {
  t.is(
    requestGateFor("https://a.example.com/elements/api-v2"),
    requestGateFor("https://a.example.com/elements/api-v2"),
  );
  t.not(
    requestGateFor("https://a.example.com/elements/api-v2"),
    requestGateFor("https://b.example.com/elements/api-v2"),
  );
});

test("a 429 one client receives holds the requests of every client of the process", async (t) => {
  const sandbox = await startSandbox();
  t.teardown(() => sandbox.close());
  const first = clientFor(sandbox).client;
  const second = clientFor(sandbox).client;
  const id = String(
    (
      await first.create({
        element: { key: "box" },
        providerData: { code: "gate-code-Lx9q2" },
        configuration: {
          "oauth.api.key": "k",
          "oauth.api.secret": "client-secret-Vx7Pq2",
          "oauth.callback.url": "https://app.example.com/cb",
        },
        tags: [],
        name: "gate",
      })
    ).id,
  );
  sandbox.clearRequests();
  sandbox.faults.add({ kind: "status429", method: "GET", retryAfterSeconds: 1 });
  const refusedRead = first.get(id);
  await new Promise((resolve) => setTimeout(resolve, 100));
  await Promise.all([refusedRead, second.get(id)]);
  const [refusal, ...later] = sandbox.requests;
  t.is(refusal?.status, 429);
  t.is(later.length, 2);
  for (const request of later) {
    t.true(
      request.at - (refusal?.at ?? 0) >= 900,
      `a request left ${request.at - (refusal?.at ?? 0)} ms after the 429`,
    );
  }
});
