/**
 * The verdicts `npm run bench` writes into BENCHMARKS.md (bench/figures.ts): they must say "missed" when a figure
 * misses, and expect the calls the provider is meant to make.
 */
import test from "ava";
import { callsAsExpected, perInstance, perInstanceMet } from "../../bench/figures.js";
import type { CommandFigures, FleetCommand } from "../../bench/fleet-bench.js";
import type { PlainFigures } from "../../bench/plain-fleet.js";
import { slope } from "../../bench/stats.js";

function commandFigures(
  command: FleetCommand,
  wallMs: number,
  calls: Record<string, number>,
  failed = 0,
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
      failed,
      spanMs: 0,
      beforeFirstMs: 0,
      afterLastMs: 0,
    },
  };
}

test("the slope is the time one more instance adds, the fixed start left out", (t) => {
  t.true(Math.abs(slope([10, 50, 200].map((x) => ({ x, y: 3000 + 4 * x }))) - 4) < 1e-9);
  t.true(Number.isNaN(slope([{ x: 10, y: 1 }])));
});

test("the per-instance goal is met at 2× the plain script and missed above it, or when a slope is not positive", (t) => {
  t.true(perInstanceMet(6, 3));
  t.false(perInstanceMet(6.1, 3));
  t.false(perInstanceMet(-1, 3), "noise, not a measurement");
  t.false(perInstanceMet(1, 0));
});

test("up is expected to list the stack once and POST once per instance; look-ups per create or failures are not", (t) => {
  t.true(callsAsExpected(commandFigures("up", 1, { GET: 1, POST: 200 }), 200));
  t.false(callsAsExpected(commandFigures("up", 1, { GET: 200, POST: 200 }), 200));
  t.false(callsAsExpected(commandFigures("up", 1, { GET: 1, POST: 201 }), 200), "a second instance for one resource");
  t.true(callsAsExpected(commandFigures("preview", 1, {}), 200));
  t.false(callsAsExpected(commandFigures("preview", 1, { GET: 1 }), 200), "a no-op preview makes no call");
  t.true(callsAsExpected(commandFigures("refresh", 1, { GET: 50 }), 50));
  t.false(callsAsExpected(commandFigures("destroy", 1, { DELETE: 50 }, 1), 50));
});

test("time per added instance compares the slopes of provider, minimal provider and plain script", (t) => {
  const fleet = (size: number, upMs: number) => ({
    size,
    commands: { up: commandFigures("up", upMs, { GET: 1, POST: size }) } as Record<FleetCommand, CommandFigures>,
    stateBytes: 0,
    providerBytes: 0,
    emptyStateBytes: 0,
  });
  const plain = (size: number, upMs: number): PlainFigures => ({
    size,
    wallMs: { up: upMs, refresh: 0, destroy: 0 },
    calls: { up: size + 1, refresh: size, destroy: size },
  });
  const [row] = perInstance(
    [fleet(10, 2000 + 10 * 30), fleet(200, 2000 + 200 * 30)],
    [fleet(10, 2000 + 10 * 20), fleet(200, 2000 + 200 * 20)],
    [plain(10, 10 * 3), plain(200, 200 * 3)],
  );
  t.is(row?.command, "up");
  t.is(Math.round((row?.providerMs ?? 0) * 1000) / 1000, 30);
  t.is(Math.round((row?.floorMs ?? 0) * 1000) / 1000, 20);
  t.is(Math.round((row?.plainMs ?? 0) * 1000) / 1000, 3);
  t.is(row?.uncheckpointedMs, undefined, "not measured");
});
