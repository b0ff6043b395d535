/**
 * The cost curve (bench/cost-curve.ts): time per instance and the marginal time per added instance between one
 * measured size and the next, for the provider and the minimal provider. Synthetic fleets, no timing.
 */
import test from "ava";
import { bySize, costCurve } from "../../bench/cost-curve.js";
import type { CommandFigures, FleetCommand, FleetFigures } from "../../bench/fleet-bench.js";

/** A fleet whose commands take `wall(size)` ms, each the same; its state grows 2,000 bytes per instance. */
function fleet(size: number, wall: (size: number) => number, ok = true): FleetFigures {
  const figures = (command: FleetCommand): CommandFigures => ({
    command,
    wallMs: wall(size),
    ok,
    outcome: "{}",
    traffic: { calls: {}, total: 0, rateLimited: 0, failed: 0, spanMs: 0, beforeFirstMs: 0, afterLastMs: 0 },
  });
  return {
    size,
    commands: { up: figures("up"), preview: figures("preview"), destroy: figures("destroy") } as Record<
      FleetCommand,
      CommandFigures
    >,
    stateBytes: 400 + 2000 * size,
    providerBytes: 58,
    emptyStateBytes: 400,
  };
}

// A start-up of 2 s and a per-step cost that grows with the stack: wall = 2000 + 10·n + n²/20.
const quadratic = (size: number) => 2000 + 10 * size + size ** 2 / 20;
const linear = (size: number) => 2000 + 10 * size;

test("the marginal time per added instance is the slope from the size before; per instance is wall ÷ size", (t) => {
  const sizes = [10, 50, 200, 1000];
  const curve = costCurve(
    sizes.map((size) => fleet(size, quadratic)),
    sizes.map((size) => fleet(size, linear)),
    "up",
  );
  t.deepEqual(
    curve.map((point) => point.size),
    sizes,
  );
  const [first, second, , last] = curve;
  t.true(Number.isNaN(first?.provider.marginalMs), "nothing before the first size");
  t.true(Number.isNaN(first?.marginalRatio));
  t.is(first?.provider.perInstanceMs, quadratic(10) / 10);
  // (quadratic(50) − quadratic(10)) ÷ 40 = 10 + (50 + 10) ÷ 20
  t.is(second?.provider.marginalMs, 13);
  t.is(second?.floor.marginalMs, 10);
  t.is(second?.marginalRatio, 1.3);
  t.is(last?.provider.marginalMs, 70, "10 + (1000 + 200) ÷ 20");
  t.is(last?.marginalRatio, 7);
  t.is(last?.provider.stateBytes, 400 + 2000 * 1000);
  t.is(last?.floor.stateBytes, 400 + 2000 * 1000);
});

test("a marginal time at or below zero, a failed command, or a size the minimal provider lacks gives no ratio", (t) => {
  const curve = costCurve(
    [fleet(10, linear), fleet(50, () => 1000), fleet(200, linear, false), fleet(1000, linear)],
    [fleet(10, linear), fleet(50, linear), fleet(200, linear)],
    "preview",
  );
  t.true(curve[1]?.provider.marginalMs !== undefined && curve[1].provider.marginalMs < 0);
  t.true(Number.isNaN(curve[1]?.marginalRatio), "a negative marginal time is noise");
  t.true(Number.isNaN(curve[2]?.provider.wallMs), "the failed command");
  t.true(Number.isNaN(curve[2]?.marginalRatio));
  t.true(Number.isNaN(curve[3]?.floor.wallMs), "no minimal fleet of 1,000");
  t.true(Number.isNaN(curve[3]?.marginalRatio));
});

test("the repeats' small fleets and the curve's large ones make one list, one fleet per size, smallest first", (t) => {
  const merged = bySize([fleet(200, linear), fleet(10, linear)], [fleet(1000, linear), fleet(200, quadratic)]);
  t.deepEqual(
    merged.map((item) => item.size),
    [10, 200, 1000],
  );
  t.is(merged[1]?.commands.up.wallMs, quadratic(200), "the later list's fleet of a size measured twice");
});
