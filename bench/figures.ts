/** The results of a bench run, the goals set for it, and what the figures say about them. */
import type { CommandFigures, FleetCommand, FleetFigures } from "./fleet-bench.js";
import type { Machine } from "./machine.js";
import { ms, ratio } from "./markdown.js";
import type { Mode, OperationFigures } from "./operation-bench.js";
import type { PlainCommand, PlainFigures } from "./plain-fleet.js";
import type { SizeFigures } from "./size-bench.js";
import { slope } from "./stats.js";

export const GOALS = {
  overheadRatio: 1.15,
  perInstanceRatio: 2,
  rateLimitRatio: 1.25,
  serializedProviderBytes: 16 * 1024,
} as const;

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
  readonly fleets?: FleetFigures[];
  /** The same fleets through a minimal provider: what the engine costs by itself. */
  readonly floorFleets?: FleetFigures[];
  /**
   * The provider's fleets again with PULUMI_SKIP_CHECKPOINTS=true (the engine writes the state file at the end
   * only): not a setting to recommend, a measurement of how much of the time the per-step state rewrite takes.
   */
  readonly uncheckpointedFleets?: FleetFigures[];
  readonly plain?: PlainFigures[];
  readonly rateLimit?: { readonly limit: number; readonly fleet: FleetFigures };
  readonly size?: SizeFigures;
}

export interface GoalVerdict {
  readonly goal: string;
  readonly figure: string;
  readonly met: boolean;
}

export const MODE_LABELS: Record<Mode, string> = {
  raw: "raw got",
  inProcess: "provider in-process",
  host: "provider via host (gRPC)",
  hostFloor: "minimal provider via host",
};

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

export interface PerInstance {
  readonly command: FleetCommand;
  readonly providerMs: number;
  readonly floorMs: number;
  /** The provider with PULUMI_SKIP_CHECKPOINTS=true; undefined when not measured. */
  readonly uncheckpointedMs: number | undefined;
  readonly plainMs: number | undefined;
}

function commandSlope(fleets: readonly FleetFigures[], command: FleetCommand): number {
  return slope(
    fleets.flatMap((fleet) => {
      const figures = fleet.commands[command];
      return figures === undefined ? [] : [{ x: fleet.size, y: figures.wallMs }];
    }),
  );
}

/** Least-squares slope of wall time over fleet size: the time one more instance adds. */
export function perInstance(
  fleets: readonly FleetFigures[],
  floorFleets: readonly FleetFigures[],
  plain: readonly PlainFigures[],
  uncheckpointedFleets: readonly FleetFigures[] = [],
): PerInstance[] {
  const commands = [...new Set(fleets.flatMap((fleet) => Object.keys(fleet.commands)))] as FleetCommand[];
  return commands.map((command) => ({
    command,
    providerMs: commandSlope(fleets, command),
    floorMs: commandSlope(floorFleets, command),
    uncheckpointedMs: uncheckpointedFleets.length < 2 ? undefined : commandSlope(uncheckpointedFleets, command),
    plainMs:
      command === "preview" || plain.length < 2
        ? undefined
        : slope(plain.map((item) => ({ x: item.size, y: item.wallMs[command as PlainCommand] }))),
  }));
}

/**
 * The per-instance goal. A slope at or below zero (fleet sizes too close together for the noise) proves nothing,
 * so it does not count as met.
 */
export function perInstanceMet(providerMs: number, plainMs: number): boolean {
  return providerMs > 0 && plainMs > 0 && providerMs / plainMs <= GOALS.perInstanceRatio;
}

export const floorMsOf = (figures: CommandFigures, limit: number) => (figures.traffic.total / limit) * 1000;

export function verdicts(results: BenchResults): GoalVerdict[] {
  const verdicts: GoalVerdict[] = [];
  if (results.operations !== undefined) {
    for (const mode of ["inProcess", "host"] as const) {
      const worst = results.operations.reduce(
        (max, figures) => {
          const value = figures.summaries[mode].median / figures.summaries.raw.median;
          return value > max.value ? { value, operation: figures.operation } : max;
        },
        { value: 0, operation: "" },
      );
      verdicts.push({
        goal: `provider overhead ≤ ${GOALS.overheadRatio}× the raw request, ${MODE_LABELS[mode]} (median)`,
        figure: `worst: ${worst.operation} ${ratio(worst.value)}`,
        met: worst.value <= GOALS.overheadRatio,
      });
    }
  }
  if (results.fleets !== undefined && results.plain !== undefined && results.fleets.length >= 2) {
    for (const row of perInstance(results.fleets, results.floorFleets ?? [], results.plain)) {
      if (row.plainMs !== undefined) {
        verdicts.push({
          goal: `time per added instance ≤ ${GOALS.perInstanceRatio}× the plain script's (${row.command})`,
          figure: `${ms(row.providerMs)} ms vs ${ms(row.plainMs)} ms: ${ratio(row.providerMs / row.plainMs)} (minimal provider: ${ratio(row.floorMs / row.plainMs)})`,
          met: perInstanceMet(row.providerMs, row.plainMs),
        });
      }
    }
    const calls = results.fleets.every((fleet) =>
      Object.values(fleet.commands).every((figures) => callsAsExpected(figures, fleet.size)),
    );
    verdicts.push({
      goal: "API calls: up one listing of the stack and one POST per instance, a no-op preview none, refresh one GET per instance, destroy one DELETE per instance",
      figure: calls ? "as expected, every fleet" : "see the fleet table",
      met: calls,
    });
  }
  if (results.rateLimit !== undefined) {
    const { limit, fleet } = results.rateLimit;
    for (const figures of Object.values(fleet.commands)) {
      const floor = floorMsOf(figures, limit);
      verdicts.push({
        goal: `rate-limited ${figures.command} of ${fleet.size} within ${GOALS.rateLimitRatio}× the floor (wall time)`,
        figure: figures.ok
          ? `${ratio(figures.wallMs / floor)} (first → last call: ${ratio(figures.traffic.spanMs / floor)}; ${figures.traffic.rateLimited} × 429)`
          : figures.outcome,
        met: figures.ok && figures.wallMs / floor <= GOALS.rateLimitRatio,
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
