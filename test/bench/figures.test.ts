/**
 * The verdicts and figures `npm run bench` writes into BENCHMARKS.md (bench/figures.ts and what it reads): they must
 * say "missed" when a figure misses and compare the provider with the minimal provider round by round. Synthetic
 * figures, no timing.
 */
import test from "ava";
import {
  type BenchResults,
  callsAsExpected,
  comparePerInstance,
  perInstanceMet,
  type Repeat,
  roundsWithoutRatio,
  stateBytesPerInstance,
  verdicts,
} from "../../bench/figures.js";
import type { CommandFigures, FleetCommand, FleetFigures } from "../../bench/fleet-bench.js";
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

test("a round with a slope at or below zero gives no ratio and can never pull the median under the goal", (t) => {
  const floorNegative = comparePerInstance([round(21, -1)], "up");
  t.is(floorNegative.perRepeat[0]?.ratio, Number.POSITIVE_INFINITY, "not a negative ratio that would pass");
  t.false(perInstanceMet(floorNegative));
  t.false(perInstanceMet(comparePerInstance([round(21, 0)], "up")), "a flat minimal provider");
  const oneNoisy = comparePerInstance([round(21, 20), round(22, 20), round(21, -1)], "up");
  t.is(roundsWithoutRatio(oneNoisy), 1);
  t.is(Math.round(oneNoisy.ratio * 100) / 100, 1.1, "the median of 1.05×, 1.10× and the round without a ratio");
  t.true(perInstanceMet(oneNoisy));
  const mostlyNoisy = comparePerInstance([round(21, 20), round(-1, 20), round(21, -1)], "up");
  t.false(perInstanceMet(mostlyNoisy), "two of three rounds without a ratio");
  const base = { parallelism: 8, latencyMs: 20, runs: 1, warmup: 0, durationMs: 1 } as unknown as BenchResults;
  const verdict = verdicts({ ...base, repeats: [round(21, 20), round(-1, 20), round(21, -1)] }).find((v) =>
    v.goal.includes("(up;"),
  );
  t.regex(verdict?.figure ?? "", /2 of 3 rounds with a slope ≤ 0, counted as missed/);
  t.false(verdict?.met ?? true);
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
  t.regex(start?.figure ?? "", /^1\.20× \(each: 1\.20×, 1\.20×, 3\.00×\)$/);
});

test("up is expected to list the stack once and POST once per instance; look-ups per create or failures are not", (t) => {
  t.true(callsAsExpected(commandFigures("up", 1, { GET: 1, POST: 200 }), 200));
  t.false(callsAsExpected(commandFigures("up", 1, { GET: 200, POST: 200 }), 200));
  t.false(callsAsExpected(commandFigures("up", 1, { GET: 1, POST: 201 }), 200), "a second instance for one resource");
  t.true(callsAsExpected(commandFigures("preview", 1, {}), 200));
  t.false(callsAsExpected(commandFigures("preview", 1, { GET: 1 }), 200), "a no-op preview makes no call");
  t.false(callsAsExpected(commandFigures("destroy", 1, { DELETE: 50 }, { failed: 1 }), 50));
});
