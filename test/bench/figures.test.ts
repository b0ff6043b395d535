/**
 * The verdicts and figures `npm run bench` writes into BENCHMARKS.md (bench/figures.ts and what it reads): they must
 * say "missed" when a figure misses, compare the provider with the minimal provider round by round, and account for
 * every byte of an instance's state. Synthetic figures, no timing.
 */
import test from "ava";
import {
  type BenchResults,
  callsAsExpected,
  comparePerInstance,
  perInstanceMet,
  type Repeat,
  stateBytesPerInstance,
  verdicts,
} from "../../bench/figures.js";
import type { CommandFigures, FleetCommand, FleetFigures } from "../../bench/fleet-bench.js";
import { bucketOf, type CpuProfile, summarizeProfile } from "../../bench/host-profile.js";
import { anatomy, partsOf, resourceBytes, UNDESCRIBED } from "../../bench/state-anatomy.js";
import { median, slope } from "../../bench/stats.js";

function commandFigures(
  command: FleetCommand,
  wallMs: number,
  calls: Record<string, number>,
  traffic: Partial<CommandFigures["traffic"]> = {},
): CommandFigures {
  return {
    command,
    wallMs,
    outcome: "{}",
    ok: true,
    traffic: {
      calls,
      total: Object.values(calls).reduce((sum, count) => sum + count, 0),
      rateLimited: 0,
      failed: 0,
      spanMs: 0,
      beforeFirstMs: 0,
      afterLastMs: 0,
      ...traffic,
    },
  };
}

/** A fleet whose up takes `start + size × perInstance` ms and whose state grows by `bytes` per instance. */
const fleet = (size: number, start: number, perInstance: number, bytes = 2000): FleetFigures => ({
  size,
  commands: { up: commandFigures("up", start + size * perInstance, { GET: 1, POST: size }) } as Record<
    FleetCommand,
    CommandFigures
  >,
  stateBytes: 400 + size * bytes,
  providerBytes: 58,
  emptyStateBytes: 400,
});

const round = (provider: number, floor: number, bytes = 2500): Repeat => ({
  fleets: [10, 50, 200].map((size) => fleet(size, 2000, provider, bytes)),
  floorFleets: [10, 50, 200].map((size) => fleet(size, 1900, floor)),
});

test("the slope is the time one more instance adds, the fixed start left out; the median is the middle", (t) => {
  t.true(Math.abs(slope([10, 50, 200].map((x) => ({ x, y: 3000 + 4 * x }))) - 4) < 1e-9);
  t.true(Number.isNaN(slope([{ x: 10, y: 1 }])));
  t.is(median([3, 1, 2]), 2);
  t.is(median([4, 1, 3, 2]), 2.5);
  t.true(Number.isNaN(median([])));
});

test("per added instance, each round gives a ratio to the minimal provider; the goal is on their median", (t) => {
  const comparison = comparePerInstance([round(22.8, 20), round(30, 20), round(22, 20)], "up");
  t.deepEqual(
    comparison.perRepeat.map((item) => Math.round(item.ratio * 100) / 100),
    [1.14, 1.5, 1.1],
  );
  t.is(Math.round(comparison.ratio * 100) / 100, 1.14, "the median, not the mean (1.25)");
  t.is(Math.round(comparison.spread.min * 100) / 100, 1.1);
  t.is(Math.round(comparison.spread.max * 100) / 100, 1.5);
  t.true(perInstanceMet(comparison));
  t.false(perInstanceMet(comparePerInstance([round(24, 20), round(24, 20), round(22, 20)], "up")), "1.20×");
  t.false(perInstanceMet(comparePerInstance([round(-1, 20)], "up")), "a slope below zero is noise, not a figure");
});

test("the verdicts say missed for a per-instance ratio or state bytes above the goal", (t) => {
  const base = { parallelism: 8, latencyMs: 20, runs: 1, warmup: 0, durationMs: 1 } as unknown as BenchResults;
  const missed = verdicts({ ...base, repeats: [round(30, 20, 2700)] });
  t.regex(missed.find((v) => v.goal.includes("(up;"))?.figure ?? "", /30\.0 ms vs 20\.0 ms: 1\.50×/);
  t.false(missed.find((v) => v.goal.includes("(up;"))?.met ?? true);
  const bytes = missed.find((v) => v.goal.startsWith("state-file bytes"));
  t.is(bytes?.figure, "2700 vs 2000: 1.35×");
  t.false(bytes?.met ?? true);
  const met = verdicts({ ...base, repeats: [round(21, 20, 2500)] });
  t.true(met.find((v) => v.goal.includes("(up;"))?.met ?? false);
  t.true(met.find((v) => v.goal.startsWith("state-file bytes"))?.met ?? false);
  t.is(Math.round(stateBytesPerInstance(round(21, 20, 2500).fleets)), 2500);
});

test("rate-limited: the span against calls ÷ limit, and the start against the minimal provider's", (t) => {
  const limited = (spanMs: number, beforeFirstMs: number) =>
    ({
      size: 200,
      commands: {
        destroy: commandFigures("destroy", 12_000, { DELETE: 200 }, { spanMs, beforeFirstMs, rateLimited: 3 }),
      },
      stateBytes: 0,
      providerBytes: 0,
      emptyStateBytes: 0,
    }) as unknown as FleetFigures;
  const base = { parallelism: 8, latencyMs: 20, runs: 1, warmup: 0, durationMs: 1 } as unknown as BenchResults;
  const run = (spanMs: number, beforeFirstMs: number) =>
    verdicts({
      ...base,
      rateLimit: {
        limit: 20,
        size: 200,
        rounds: [
          { fleet: limited(spanMs, beforeFirstMs), floorFleet: limited(10_000, 1000) },
          { fleet: limited(spanMs, beforeFirstMs), floorFleet: limited(10_000, 1000) },
          { fleet: limited(20_000, 3000), floorFleet: limited(10_000, 1000) },
        ],
      },
    });
  const good = run(10_400, 1090);
  t.true(
    good.every((verdict) => verdict.met),
    JSON.stringify(good),
  );
  const [span, start] = run(10_600, 1200);
  t.false(span?.met ?? true, "1.06× the floor of 10 s");
  t.false(start?.met ?? true, "1.20× the minimal provider's start");
  t.regex(span?.figure ?? "", /^1\.06× \(each: 1\.06×, 1\.06×, 2\.00×\)$/, "the median, one slow round shown");
  t.regex(span?.figure ?? "", /^1\.06× \(each: 1\.06×, 1\.06×, 2\.00×\)$/, "the median, one slow round shown");
});

test("up is expected to list the stack once and POST once per instance; look-ups per create or failures are not", (t) => {
  t.true(callsAsExpected(commandFigures("up", 1, { GET: 1, POST: 200 }), 200));
  t.false(callsAsExpected(commandFigures("up", 1, { GET: 200, POST: 200 }), 200));
  t.false(callsAsExpected(commandFigures("up", 1, { GET: 1, POST: 201 }), 200), "a second instance for one resource");
  t.true(callsAsExpected(commandFigures("preview", 1, {}), 200));
  t.false(callsAsExpected(commandFigures("preview", 1, { GET: 1 }), 200), "a no-op preview makes no call");
  t.false(callsAsExpected(commandFigures("destroy", 1, { DELETE: 50 }, { failed: 1 }), 50));
});

test("an instance's state, part by part, adds up to its compact JSON, and a part without a purpose shows", (t) => {
  const resource = {
    urn: "urn:pulumi:s::p::t::box-0",
    id: "100001",
    inputs: { __provider: 'module.exports=require("x")', name: "Box" },
    outputs: { __provider: 'module.exports=require("x")', token: { ciphertext: "v1:abc" }, novel: 1 },
    stackTrace: [{}, {}],
  };
  const parts = partsOf(resource);
  t.is(
    [...parts.values()].reduce((sum, bytes) => sum + bytes, 0),
    resourceBytes(resource),
  );
  t.is(partsOf({ inputs: {} }).get("inputs"), Buffer.byteLength('"inputs":{},'), "with its comma");
  t.is(
    [...partsOf({ inputs: {} }).values()].reduce((a, b) => a + b, 0),
    resourceBytes({ inputs: {} }),
  );
  const rows = anatomy(resource, { urn: "u", id: "1" });
  t.is(rows.find((row) => row.path === "outputs.novel")?.purpose, UNDESCRIBED);
  t.is(rows.find((row) => row.path === "outputs.token")?.floorBytes, undefined);
  t.regex(rows.find((row) => row.path === "outputs.token")?.purpose ?? "", /secret/);
});

test("a CPU profile is summed by kind of code, with the provider's methods' inclusive time", (t) => {
  t.is(
    bucketOf("file:///x/node_modules/pulumi-amplify-box/dist/provider/mapping/plan-update.js", "planUpdate"),
    "this package's provider",
  );
  t.is(bucketOf("file:///x/node_modules/got/dist/source/core/index.js", "f"), "got");
  t.is(bucketOf("node:internal/modules/cjs/loader", "wrapSafe"), "Node.js internals");
  t.is(bucketOf("", "(garbage collector)"), "(garbage collector)");
  const url = "file:///p/node_modules/pulumi-amplify-box/dist/provider/dynamic/instance-operations.js";
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: -1 }, children: [2, 4, 5] },
      { id: 2, callFrame: { functionName: "diff", url, lineNumber: 40 }, children: [3] },
      {
        id: 3,
        callFrame: {
          functionName: "planUpdate",
          url: url.replace("dynamic/instance-operations", "mapping/plan-update"),
          lineNumber: 9,
        },
      },
      { id: 4, callFrame: { functionName: "(idle)", url: "", lineNumber: -1 } },
      {
        id: 5,
        callFrame: {
          functionName: "serve",
          url: "file:///p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js",
          lineNumber: 1,
        },
      },
    ],
    samples: [2, 3, 3, 4, 5],
    timeDeltas: [1000, 2000, 3000, 50_000, 4000],
  };
  const summary = summarizeProfile("preview", profile);
  t.is(summary.kind, "provider host");
  t.is(summary.busyMs, 10, "idle left out");
  t.is(summary.methods.diff, 6, "diff's own 1 ms and planUpdate's 5 ms");
  t.deepEqual(summary.buckets[0], ["this package's provider", 6]);
});
