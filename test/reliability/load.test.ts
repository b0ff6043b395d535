import test from "ava";
import type { BoxInstanceInputs, BoxInstanceOutputs } from "../../provider/mapping/box-instance-state.js";
import { isResourceOwnershipTag } from "../../provider/mapping/ownership-tag.js";
import { type Sandbox, startSandbox } from "../../sandbox/index.js";
import { boxInputs } from "../helpers/box-inputs.js";
import { checkAndCreate, provider } from "../helpers/provider-session.js";
import { OutcomeMatrix } from "../helpers/reliability-matrix.js";
import { configureWithKnobs, settle } from "../helpers/reliability-session.js";
import { captureStderr } from "../helpers/reliability-stderr.js";

/**
 * 200 instances managed in parallel against a rate-limited sandbox: all created at once, then all
 * updated, all read and all deleted, each phase a `Promise.all` as the engine runs independent resources. The provider
 * keeps its default retry policy (stack config sets nothing), so this is what a user with 200 instances gets. Zero
 * failures, exactly 200 then 0 instances, no duplicate. The figures of each phase are printed at the end.
 */

const COUNT = 200;
const REQUESTS_PER_SECOND = 20;
const LATENCY_MS = 20;
/** A phase that has not settled by then has hung: the test stops by itself instead of waiting for ava's timeout. */
const PHASE_LIMIT_MS = 150_000;

interface Figures {
  ok: number;
  failed: number;
  wallSeconds: number;
  requests: number;
  rateLimited: number;
  clientRetries: number;
  firstError: string;
}

const FIGURE_NAMES = ["instances ok", "failed", "wall time (s)", "requests served", "429s", "client retries"];
const PHASES = ["create", "update", "read", "delete"];
const report = new OutcomeMatrix(PHASES, FIGURE_NAMES, "phase");
const errors: string[] = [];

interface Managed {
  readonly inputs: BoxInstanceInputs;
  id: string;
  outs: BoxInstanceOutputs;
}

/** Runs `operation` on every item at once, and records what it took. */
async function phase<T, R>(
  sandbox: Sandbox,
  name: string,
  items: readonly T[],
  operation: (item: T) => Promise<R>,
): Promise<{ results: Array<{ item: T; value?: R; error?: Error }>; figures: Figures }> {
  sandbox.clearRequests();
  const previous = process.env.AMPLIFY_DEBUG;
  process.env.AMPLIFY_DEBUG = "1";
  const debug = captureStderr();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const all = Promise.all(items.map(async (item) => ({ item, settled: await settle(operation(item)) })));
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${name} did not settle in ${PHASE_LIMIT_MS} ms`)), PHASE_LIMIT_MS);
    });
    const settled = await Promise.race([all, limit]);
    const wallSeconds = (performance.now() - started) / 1000;
    const results = settled.map(({ item, settled: s }) => (s.ok ? { item, value: s.value } : { item, error: s.error }));
    const failures = results.filter((result) => result.error !== undefined);
    const requests = sandbox.requests;
    const figures: Figures = {
      ok: results.length - failures.length,
      failed: failures.length,
      wallSeconds,
      requests: requests.length,
      rateLimited: requests.filter((request) => request.status === 429).length,
      clientRetries: [...debug.text().matchAll(/ retries=(\d+) /g)].reduce((sum, match) => sum + Number(match[1]), 0),
      firstError: failures[0]?.error?.message ?? "",
    };
    report.record(name, "instances ok", String(figures.ok));
    report.record(name, "failed", String(figures.failed));
    report.record(name, "wall time (s)", wallSeconds.toFixed(1));
    report.record(name, "requests served", String(figures.requests));
    report.record(name, "429s", String(figures.rateLimited));
    report.record(name, "client retries", String(figures.clientRetries));
    if (figures.firstError !== "") {
      errors.push(`${name}: ${figures.failed} failed; first: ${figures.firstError}`);
    }
    return { results, figures };
  } finally {
    clearTimeout(timer);
    debug.stop();
    if (previous === undefined) {
      delete process.env.AMPLIFY_DEBUG;
    } else {
      process.env.AMPLIFY_DEBUG = previous;
    }
  }
}

const inputsFor = (index: number) => boxInputs({ tags: ["load"] }, `load-${index}`);

// Known gap: every 429 counts against amplify:maxRetries (default 4) and Retry-After comes with only 125 ms of
// jitter, so 200 clients come back together and most run out of retries within ten seconds, far from the deadline.
test.serial(`${COUNT} instances created, updated, read and deleted in parallel under a rate limit`, async (t) => {
  const sandbox = await startSandbox({ latencyMs: LATENCY_MS });
  t.teardown(() => sandbox.close());
  sandbox.faults.rateLimit(REQUESTS_PER_SECOND);
  await configureWithKnobs(sandbox);
  // Every phase runs even when an earlier one fell short, so the figures are complete; the verdict comes last.
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => {
    if (!ok) {
      problems.push(problem);
    }
  };
  const indexes = Array.from({ length: COUNT }, (_, index) => index);

  const created = await phase(sandbox, "create", indexes, async (index) => {
    const { id, outs, inputs } = await checkAndCreate(inputsFor(index));
    return { id, outs, inputs } satisfies Managed;
  });
  expect(created.figures.failed === 0, `${created.figures.failed} creates failed`);
  const managed = created.results.flatMap((result) => (result.value === undefined ? [] : [result.value]));
  const stored = sandbox.instances();
  const tags = stored.flatMap((instance) => instance.tags.filter(isResourceOwnershipTag));
  expect(new Set(tags).size === tags.length, "two instances carry one ownership tag");
  expect(stored.length === COUNT, `${stored.length} instances after create, not ${COUNT}`);
  const recorded = new Set(managed.map((item) => item.id));
  const unrecorded = stored.filter((instance) => !recorded.has(String(instance.id)));
  expect(unrecorded.length === 0, `${unrecorded.length} instances made but recorded by no resource (leaks)`);

  const updated = await phase(sandbox, "update", managed, async (item) => {
    const news = { ...item.inputs, events: { ...item.inputs.events, callbackUrl: "https://hooks.example.com/v2" } };
    item.outs = (await provider.update(item.id, item.outs, news)).outs as BoxInstanceOutputs;
  });
  expect(updated.figures.failed === 0, `${updated.figures.failed} updates failed`);
  const moved = sandbox
    .instances()
    .filter((instance) => instance.configuration["event.notification.callback.url"] === "https://hooks.example.com/v2");
  expect(moved.length === managed.length, `${managed.length - moved.length} instances kept the old webhook URL`);

  const read = await phase(sandbox, "read", managed, async (item) => {
    const result = await provider.read(item.id, item.outs);
    if (result.id !== item.id) {
      throw new Error(`read of ${item.id} returned "${result.id}"`);
    }
  });
  expect(read.figures.failed === 0, `${read.figures.failed} reads failed`);

  const deleted = await phase(sandbox, "delete", managed, (item) => provider.delete(item.id, item.outs));
  expect(deleted.figures.failed === 0, `${deleted.figures.failed} deletes failed`);
  // Clean up what failed phases left, so the count below is about the deletes that ran.
  const left = sandbox.instances().filter((instance) => recorded.has(String(instance.id)));
  expect(left.length === 0, `${left.length} instances left after delete`);
  t.deepEqual(problems, []);
});

test.after.always("print the load figures", () => {
  console.log(
    [
      "",
      `Load: ${COUNT} instances, sandbox rate limit ${REQUESTS_PER_SECOND} req/s, latency ${LATENCY_MS} ms, default retry policy:`,
      "",
      report.toMarkdown(),
      "",
      ...errors,
      "",
    ].join("\n"),
  );
});
