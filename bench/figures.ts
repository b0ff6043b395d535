/** The results of a bench run, the goals set for it, and what the figures say about them. */

import type { EngineProfile } from "./engine-profile.js";
import type { CommandFigures, FleetCommand, FleetFigures } from "./fleet-bench.js";
import type { HostProfile } from "./host-profile.js";
import type { Machine } from "./machine.js";
import { ms, ratio } from "./markdown.js";
import type { OperationFigures } from "./operation-bench.js";
import type { SizeFigures } from "./size-bench.js";
import { median, slope } from "./stats.js";

export const GOALS = {
  /** Time per added instance, provider ÷ minimal provider: the median over the repeats. */
  perInstanceVsMinimal: 1.15,
  /** State-file bytes per added instance, provider ÷ minimal provider. */
  stateBytesVsMinimal: 1.3,
  /** Rate-limited: the provider's first → last API call ÷ (calls ÷ limit). */
  rateLimitSpanVsFloor: 1.05,
  /** Rate-limited: the provider's start → first API call ÷ the minimal provider's. */
  rateLimitStartVsMinimal: 1.1,
  serializedProviderBytes: 16 * 1024,
} as const;

/** The commands whose time per added instance has a goal. */
export const COMPARED_COMMANDS: readonly FleetCommand[] = ["up", "preview", "refresh", "destroy"];

/** One repeat of the side-by-side fleets: the provider's and the minimal provider's, at every size. */
export interface Repeat {
  readonly fleets: FleetFigures[];
  readonly floorFleets: FleetFigures[];
}

/** The fleets measured once each for the cost curve, at the sizes beyond the repeats'. */
export interface Curve {
  readonly fleets: FleetFigures[];
  readonly floorFleets: FleetFigures[];
  /** The provider at the largest size with PULUMI_SKIP_CHECKPOINTS=true: the state file written once, at the end. */
  readonly uncheckpointed?: FleetFigures;
}

/** One round of the rate-limited runs: the provider's fleet, then the minimal provider's. */
export interface RateLimitRound {
  readonly fleet: FleetFigures;
  readonly floorFleet: FleetFigures;
}

export interface RateLimitFigures {
  readonly limit: number;
  readonly size: number;
  readonly rounds: RateLimitRound[];
}

export interface BenchResults {
  readonly machine: Machine;
  readonly parallelism: number;
  readonly latencyMs: number;
  readonly runs: number;
  readonly warmup: number;
  readonly startedAt: Date;
  readonly durationMs: number;
  /** 1-minute load averages when the run started and ended: other work on the machine skews the figures. */
  readonly loadAverage: { readonly start: number; readonly end: number };
  readonly operations?: OperationFigures[];
  readonly repeats?: Repeat[];
  readonly curve?: Curve;
  readonly rateLimit?: RateLimitFigures;
  readonly profile?: HostProfile | { readonly notMeasured: string };
  /** The engine's CPU in `up`, provider against minimal provider. */
  readonly engineProfile?: EngineProfile | { readonly notMeasured: string };
  readonly size?: SizeFigures;
}

export interface GoalVerdict {
  readonly goal: string;
  readonly figure: string;
  readonly met: boolean;
}

/**
 * The calls a command must make for `size` instances: for up the stack's listing and a POST each, none for a no-op
 * preview, one GET each for refresh, one DELETE each for destroy.
 */
export function expectedCalls(command: FleetCommand, size: number): Record<string, number> {
  switch (command) {
    case "up":
      return { GET: 1, POST: size };
    case "preview":
      return {};
    case "refresh":
      return { GET: size };
    case "destroy":
      return { DELETE: size };
  }
}

export function callsAsExpected(figures: CommandFigures, size: number): boolean {
  const expected = expectedCalls(figures.command, size);
  const actual = figures.traffic.calls;
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...keys].every((key) => (expected[key] ?? 0) === (actual[key] ?? 0)) && figures.traffic.failed === 0;
}

/** Least-squares slope of wall time over fleet size: the time one more instance adds, start-up left out. */
export function commandSlope(fleets: readonly FleetFigures[], command: FleetCommand): number {
  return slope(
    fleets.flatMap((fleet) => {
      const figures = fleet.commands[command];
      return figures === undefined || !figures.ok ? [] : [{ x: fleet.size, y: figures.wallMs }];
    }),
  );
}

/** Time per added instance of one command, provider against minimal provider, over the repeats. */
export interface PerInstanceComparison {
  readonly command: FleetCommand;
  /** Per repeat: the provider's slope, the minimal provider's, and their ratio (infinite where a slope is ≤ 0). */
  readonly perRepeat: ReadonlyArray<{ readonly providerMs: number; readonly floorMs: number; readonly ratio: number }>;
  readonly providerMs: number;
  readonly floorMs: number;
  readonly ratio: number;
  readonly spread: { readonly min: number; readonly max: number };
}

export function comparePerInstance(repeats: readonly Repeat[], command: FleetCommand): PerInstanceComparison {
  const perRepeat = repeats.map((repeat) => {
    const providerMs = commandSlope(repeat.fleets, command);
    const floorMs = commandSlope(repeat.floorFleets, command);
    // A slope at or below zero (or none, from one size) is noise, not a cost: its round counts as the worst ratio, so
    // that it can never pull the median under the goal.
    return {
      providerMs,
      floorMs,
      ratio: providerMs > 0 && floorMs > 0 ? providerMs / floorMs : Number.POSITIVE_INFINITY,
    };
  });
  const ratios = perRepeat.map((item) => item.ratio);
  return {
    command,
    perRepeat,
    providerMs: median(perRepeat.map((item) => item.providerMs)),
    floorMs: median(perRepeat.map((item) => item.floorMs)),
    ratio: median(ratios),
    spread: { min: Math.min(...ratios), max: Math.max(...ratios) },
  };
}

/** The rounds whose provider or minimal slope was at or below zero: they gave no ratio. */
export const roundsWithoutRatio = (comparison: PerInstanceComparison): number =>
  comparison.perRepeat.filter((item) => !Number.isFinite(item.ratio)).length;

/** A slope at or below zero (sizes too close for the noise) proves nothing, so it never counts as met. */
export function perInstanceMet(comparison: PerInstanceComparison): boolean {
  return (
    comparison.providerMs > 0 &&
    comparison.floorMs > 0 &&
    Number.isFinite(comparison.ratio) &&
    comparison.ratio <= GOALS.perInstanceVsMinimal
  );
}

/** State-file bytes per added instance (slope over the fleet sizes, the empty stack's bytes left out). */
export function stateBytesPerInstance(fleets: readonly FleetFigures[]): number {
  return slope(fleets.map((fleet) => ({ x: fleet.size, y: fleet.stateBytes - fleet.emptyStateBytes })));
}

/** State bytes per added instance, provider ÷ minimal, and whether it meets the goal (never with a slope ≤ 0). */
export function compareStateBytes(repeat: Repeat): { provider: number; floor: number; ratio: number; met: boolean } {
  const provider = stateBytesPerInstance(repeat.fleets);
  const floor = stateBytesPerInstance(repeat.floorFleets);
  const ratio = provider / floor;
  return { provider, floor, ratio, met: provider > 0 && floor > 0 && ratio <= GOALS.stateBytesVsMinimal };
}

export const floorMsOf = (figures: CommandFigures, limit: number) => (figures.traffic.total / limit) * 1000;

/** One command of one rate-limited round, provider and minimal provider. */
export interface RateLimitRow {
  readonly command: FleetCommand;
  readonly provider: CommandFigures;
  readonly floor: CommandFigures | undefined;
  /** Calls ÷ limit for the provider's run, in ms. */
  readonly floorMs: number;
  readonly spanRatio: number;
  readonly startRatio: number;
}

/** One command over the rounds: the goals are on the medians. */
export interface RateLimitComparison {
  readonly command: FleetCommand;
  readonly rounds: RateLimitRow[];
  readonly spanRatio: number;
  readonly startRatio: number;
  readonly ok: boolean;
}

export function compareRateLimited(figures: RateLimitFigures): RateLimitComparison[] {
  const commands = Object.keys(figures.rounds[0]?.fleet.commands ?? {}) as FleetCommand[];
  return commands.map((command) => {
    const rounds = figures.rounds.flatMap((round): RateLimitRow[] => {
      const provider = round.fleet.commands[command];
      if (provider === undefined) {
        return [];
      }
      const floor = round.floorFleet.commands[command];
      const floorMs = floorMsOf(provider, figures.limit);
      return [
        {
          command,
          provider,
          floor,
          floorMs,
          spanRatio: provider.traffic.spanMs / floorMs,
          startRatio: floor === undefined ? Number.NaN : provider.traffic.beforeFirstMs / floor.traffic.beforeFirstMs,
        },
      ];
    });
    return {
      command,
      rounds,
      spanRatio: median(rounds.map((row) => row.spanRatio)),
      startRatio: median(rounds.map((row) => row.startRatio)),
      ok: rounds.every((row) => row.provider.ok && row.floor?.ok === true),
    };
  });
}

/** Says how many rounds gave no ratio (a slope ≤ 0), where any did. */
export function noRatio(comparison: PerInstanceComparison): string {
  const count = roundsWithoutRatio(comparison);
  return count === 0 ? "" : `; ${count} of ${comparison.perRepeat.length} rounds with a slope ≤ 0, counted as missed`;
}

export function verdicts(results: BenchResults): GoalVerdict[] {
  const verdicts: GoalVerdict[] = [];
  const repeats = results.repeats ?? [];
  if (repeats.length > 0 && (repeats[0]?.fleets.length ?? 0) >= 2) {
    for (const command of COMPARED_COMMANDS) {
      const comparison = comparePerInstance(repeats, command);
      verdicts.push({
        goal: `time per added instance ≤ ${GOALS.perInstanceVsMinimal}× the minimal provider's (${command}; median of ${repeats.length})`,
        figure: `${ms(comparison.providerMs)} ms vs ${ms(comparison.floorMs)} ms: ${ratio(comparison.ratio)} (spread ${ratio(comparison.spread.min)}–${ratio(comparison.spread.max)}${noRatio(comparison)})`,
        met: perInstanceMet(comparison),
      });
    }
    const [first] = repeats;
    if (first !== undefined) {
      const bytes = compareStateBytes(first);
      verdicts.push({
        goal: `state-file bytes per added instance ≤ ${GOALS.stateBytesVsMinimal}× the minimal provider's`,
        figure: `${bytes.provider.toFixed(0)} vs ${bytes.floor.toFixed(0)}: ${ratio(bytes.ratio)}`,
        met: bytes.met,
      });
    }
    const fleets = repeats.flatMap((repeat) => repeat.fleets);
    const calls = fleets.every((fleet) =>
      Object.values(fleet.commands).every((figures) => callsAsExpected(figures, fleet.size)),
    );
    verdicts.push({
      goal: "API calls: up one listing of the stack and one POST per instance, a no-op preview none, refresh one GET per instance, destroy one DELETE per instance",
      figure: calls ? "as expected, every fleet" : "see the fleet table",
      met: calls,
    });
  }
  if (results.rateLimit !== undefined) {
    const { size, rounds } = results.rateLimit;
    for (const row of compareRateLimited(results.rateLimit)) {
      const each = (pick: (item: RateLimitRow) => number) => row.rounds.map((item) => ratio(pick(item))).join(", ");
      verdicts.push({
        goal: `rate-limited ${row.command} of ${size}: first → last call ≤ ${GOALS.rateLimitSpanVsFloor}× calls ÷ limit (median of ${rounds.length})`,
        figure: `${ratio(row.spanRatio)} (each: ${each((item) => item.spanRatio)})`,
        met: row.ok && row.spanRatio <= GOALS.rateLimitSpanVsFloor,
      });
      verdicts.push({
        goal: `rate-limited ${row.command} of ${size}: start → first call ≤ ${GOALS.rateLimitStartVsMinimal}× the minimal provider's (median of ${rounds.length})`,
        figure: `${ratio(row.startRatio)} (each: ${each((item) => item.startRatio)})`,
        met: row.ok && row.startRatio <= GOALS.rateLimitStartVsMinimal,
      });
    }
  }
  if (results.size !== undefined) {
    verdicts.push({
      goal: `serialized provider ≤ ${GOALS.serializedProviderBytes} bytes`,
      figure: `${results.size.serializedProviderBytes} bytes`,
      met: results.size.serializedProviderBytes <= GOALS.serializedProviderBytes,
    });
  }
  return verdicts;
}
