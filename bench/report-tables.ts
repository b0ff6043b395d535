/** The tables of BENCHMARKS.md, one per section. */

import { bySize, CURVE_COMMANDS, costCurve } from "./cost-curve.js";
import { ENGINE_ACTIVITIES, type EngineProfile, restMs } from "./engine-profile.js";
import {
  type BenchResults,
  COMPARED_COMMANDS,
  type Curve,
  callsAsExpected,
  comparePerInstance,
  compareRateLimited,
  compareStateBytes,
  GOALS,
  noRatio,
  perInstanceMet,
  type RateLimitFigures,
  type Repeat,
} from "./figures.js";
import type { CommandFigures, FleetCommand, FleetFigures } from "./fleet-bench.js";
import type { HostProfile } from "./host-profile.js";
import { mark, ms, ratio, seconds, table } from "./markdown.js";
import { MODES, type OperationFigures } from "./operation-bench.js";
import type { SizeFigures } from "./size-bench.js";
import { anatomy, resourceBytes, UNDESCRIBED } from "./state-anatomy.js";

export const MODE_LABELS: Record<(typeof MODES)[number], string> = {
  raw: "raw got",
  inProcess: "provider in-process",
  host: "provider via host (gRPC)",
  hostFloor: "minimal provider via host",
};

export function operationsTable(operations: readonly OperationFigures[]): string {
  return table(
    [
      "operation",
      "requests",
      ...MODES.map((mode) => `${MODE_LABELS[mode]}: median / p95 ms`),
      "in-process ÷ raw",
      "host ÷ raw",
      "host ÷ minimal via host",
    ],
    operations.map((figures) => {
      const { raw, inProcess, host, hostFloor } = figures.summaries;
      return [
        figures.operation,
        figures.requests,
        ...MODES.map((mode) => `${ms(figures.summaries[mode].median)} / ${ms(figures.summaries[mode].p95)}`),
        ratio(inProcess.median / raw.median),
        ratio(host.median / raw.median),
        ratio(host.median / hostFloor.median),
      ];
    }),
  );
}

function callsText(figures: CommandFigures): string {
  const entries = Object.entries(figures.traffic.calls).sort(([a], [b]) => a.localeCompare(b));
  const text = entries.length === 0 ? "none" : entries.map(([method, count]) => `${count} ${method}`).join(", ");
  const extra = [
    figures.traffic.rateLimited > 0 ? `${figures.traffic.rateLimited} × 429` : "",
    figures.traffic.failed > 0 ? `${figures.traffic.failed} failed` : "",
  ].filter((item) => item !== "");
  return extra.length === 0 ? text : `${text} (+ ${extra.join(", ")})`;
}

const wallText = (figures: CommandFigures | undefined) =>
  figures === undefined
    ? "—"
    : figures.ok
      ? seconds(figures.wallMs)
      : `${seconds(figures.wallMs)} (${figures.outcome})`;

/** Every round's wall times, side by side. */
export function fleetTable(repeats: readonly Repeat[]): string {
  const rows: string[][] = [];
  const first = repeats[0];
  for (const fleet of first?.fleets ?? []) {
    for (const command of Object.keys(fleet.commands) as FleetCommand[]) {
      const walls = (pick: (repeat: Repeat) => readonly FleetFigures[]) =>
        repeats
          .map((repeat) => wallText(pick(repeat).find((item) => item.size === fleet.size)?.commands[command]))
          .join(" / ");
      const all = repeats.flatMap((repeat) =>
        [...repeat.fleets, ...repeat.floorFleets].filter((item) => item.size === fleet.size),
      );
      const expected = all.every((item) => {
        const figures = item.commands[command];
        return figures !== undefined && callsAsExpected(figures, item.size);
      });
      rows.push([
        command,
        String(fleet.size),
        walls((repeat) => repeat.fleets),
        walls((repeat) => repeat.floorFleets),
        callsText(fleet.commands[command] as CommandFigures),
        expected ? "yes" : "**no**",
      ]);
    }
  }
  return table(
    [
      "command",
      "instances",
      "provider wall s (each round)",
      "minimal provider wall s (each round)",
      "API calls (provider, round 1)",
      "calls as expected, both, every round",
    ],
    rows,
  );
}

export function perInstanceTable(repeats: readonly Repeat[]): string {
  return table(
    [
      "command",
      "provider ms / instance (median)",
      "minimal provider ms / instance (median)",
      `provider ÷ minimal, median (goal ≤ ${GOALS.perInstanceVsMinimal}×)`,
      "spread (min–max)",
      "each round: provider / minimal ms, ratio",
    ],
    COMPARED_COMMANDS.filter((command) => repeats[0]?.fleets[0]?.commands[command] !== undefined).map((command) => {
      const comparison = comparePerInstance(repeats, command);
      return [
        command,
        ms(comparison.providerMs),
        ms(comparison.floorMs),
        `${ratio(comparison.ratio)} ${mark(perInstanceMet(comparison))}`,
        `${ratio(comparison.spread.min)}–${ratio(comparison.spread.max)}${noRatio(comparison)}`,
        comparison.perRepeat
          .map(
            (item) =>
              `${ms(item.providerMs)} / ${ms(item.floorMs)}, ${Number.isFinite(item.ratio) ? ratio(item.ratio) : "no ratio (slope ≤ 0)"}`,
          )
          .join("; "),
      ];
    }),
  );
}

/**
 * The cost curve, per command: each size's wall time, time per instance, and the marginal time per added instance
 * since the size before, for the provider and the minimal provider (the small sizes from the first round).
 */
export function curveTable(repeats: readonly Repeat[], curve: Curve): string {
  const fleets = bySize(repeats[0]?.fleets ?? [], curve.fleets);
  const floorFleets = bySize(repeats[0]?.floorFleets ?? [], curve.floorFleets);
  const rows = CURVE_COMMANDS.flatMap((command) =>
    costCurve(fleets, floorFleets, command).map((point, index) => [
      command,
      String(point.size),
      `${seconds(point.provider.wallMs)} / ${seconds(point.floor.wallMs)}`,
      `${ms(point.provider.perInstanceMs)} / ${ms(point.floor.perInstanceMs)}`,
      index === 0 ? "—" : `${ms(point.provider.marginalMs)} / ${ms(point.floor.marginalMs)}`,
      index === 0 ? "—" : ratio(point.marginalRatio),
      `${point.provider.stateBytes} / ${Number.isNaN(point.floor.stateBytes) ? "—" : point.floor.stateBytes}`,
    ]),
  );
  const once = curve.uncheckpointed;
  const largest = fleets.find((fleet) => fleet.size === once?.size);
  const wall = (fleet: FleetFigures | undefined, command: FleetCommand) =>
    fleet?.commands[command]?.wallMs ?? Number.NaN;
  const onceText =
    once === undefined
      ? ""
      : `\n\nThe provider's fleet of ${once.size} with the state file written once, at the end (PULUMI_SKIP_CHECKPOINTS=true, a stand-in for a backend that journals): ${CURVE_COMMANDS.map(
          (command) =>
            `${command} ${seconds(wall(once, command))} s (${ms(wall(once, command) / once.size)} ms per instance; with a rewrite per step: ${seconds(wall(largest, command))} s)`,
        ).join(", ")}.`;
  return (
    table(
      [
        "command",
        "instances",
        "wall s: provider / minimal",
        "ms per instance (wall ÷ instances): provider / minimal",
        "marginal ms per added instance since the size before: provider / minimal",
        "marginal provider ÷ minimal",
        "state file bytes: provider / minimal",
      ],
      rows,
    ) + onceText
  );
}

export function stateTable(repeats: readonly Repeat[]): string {
  const first = repeats[0];
  if (first === undefined) {
    return "";
  }
  const { provider, floor, ratio: bytesRatio, met } = compareStateBytes(first);
  const summary = table(
    ["figure", "provider", "minimal provider", "provider ÷ minimal"],
    [
      [
        "state-file bytes per added instance (slope over the fleet sizes, round 1)",
        provider.toFixed(0),
        floor.toFixed(0),
        `${ratio(bytesRatio)} (goal ≤ ${GOALS.stateBytesVsMinimal}×: ${mark(met)})`,
      ],
      ...first.fleets.map((fleet) => {
        const floorFleet = first.floorFleets.find((item) => item.size === fleet.size);
        return [
          `state file after up of ${fleet.size} (empty stack: ${fleet.emptyStateBytes})`,
          String(fleet.stateBytes),
          String(floorFleet?.stateBytes ?? "—"),
          floorFleet === undefined ? "—" : ratio(fleet.stateBytes / floorFleet.stateBytes),
        ];
      }),
    ],
  );
  const resource = first.fleets[0]?.resource;
  const floorResource = first.floorFleets[0]?.resource;
  if (resource === undefined || floorResource === undefined) {
    return summary;
  }
  const rows = anatomy(resource, floorResource);
  const undescribed = rows.filter((row) => row.purpose === UNDESCRIBED).map((row) => `\`${row.path}\``);
  return `${summary}

One instance (\`box-0\` of the fleet of ${first.fleets[0]?.size}), as the state file holds it, part by part (compact JSON; the
rows add up to ${resourceBytes(resource)} bytes for the provider, ${resourceBytes(floorResource)} for the minimal provider):

${table(
  ["part", "provider bytes", "minimal provider bytes", "what it is for"],
  rows.map((row) => [
    `\`${row.path}\``,
    row.providerBytes === undefined ? "—" : String(row.providerBytes),
    row.floorBytes === undefined ? "—" : String(row.floorBytes),
    row.purpose,
  ]),
)}${undescribed.length === 0 ? "" : `\n\nNot described yet: ${undescribed.join(", ")}.`}`;
}

export function rateLimitTable(figures: RateLimitFigures): string {
  return table(
    [
      "command",
      "round",
      "API calls (429 answers): provider / minimal",
      "floor s (calls ÷ limit)",
      `first → last call s, provider (÷ floor; goal ≤ ${GOALS.rateLimitSpanVsFloor}×)`,
      "first → last call s, minimal (÷ floor)",
      `start → first call s: provider / minimal (goal ≤ ${GOALS.rateLimitStartVsMinimal}×)`,
      "last call → end s: provider / minimal",
      "wall s: provider / minimal",
    ],
    compareRateLimited(figures).flatMap((comparison) =>
      comparison.rounds.map((row, index) => [
        row.command,
        String(index + 1),
        `${callsText(row.provider)} / ${row.floor === undefined ? "—" : callsText(row.floor)}`,
        seconds(row.floorMs),
        `${seconds(row.provider.traffic.spanMs)} (${ratio(row.spanRatio)} ${mark(row.provider.ok && row.spanRatio <= GOALS.rateLimitSpanVsFloor)})`,
        row.floor === undefined
          ? "—"
          : `${seconds(row.floor.traffic.spanMs)} (${ratio(row.floor.traffic.spanMs / row.floorMs)})`,
        `${seconds(row.provider.traffic.beforeFirstMs)} / ${row.floor === undefined ? "—" : seconds(row.floor.traffic.beforeFirstMs)} (${ratio(row.startRatio)} ${mark(row.startRatio <= GOALS.rateLimitStartVsMinimal)})`,
        `${seconds(row.provider.traffic.afterLastMs)} / ${row.floor === undefined ? "—" : seconds(row.floor.traffic.afterLastMs)}`,
        `${wallText(row.provider)} / ${wallText(row.floor)}`,
      ]),
    ),
  );
}

export function profileTables(profile: BenchResults["profile"]): string {
  if (profile === undefined) {
    return "";
  }
  if ("notMeasured" in profile) {
    return `Not measured: ${profile.notMeasured}`;
  }
  const host = profile as HostProfile;
  const share = (time: number, of: number) => `${((100 * time) / of).toFixed(0)}%`;
  const sections = [
    `A provider fleet of ${host.size}: \`up\`, a no-op \`preview\`, \`destroy\`; each Node.js process of each command (processes busy under 50 ms left out). Self time is the time a function ran its own code; the share is of the process's busy time (sampled, idle left out).`,
  ];
  for (const process of host.processes) {
    const methods = Object.entries(process.methods);
    sections.push(`**${process.command}, ${process.kind}**: ${ms(process.busyMs)} ms busy of ${ms(process.sampledMs)} ms sampled

${table(
  ["kind of code", "self ms", "share of busy"],
  process.buckets.map(([bucket, time]) => [bucket, ms(time), share(time, process.busyMs)]),
)}${
  methods.length === 0
    ? ""
    : `

Inside the provider's methods (inclusive time: the method and what it calls). The methods are async, so this is their synchronous stretches only (up to the first \`await\` and between awaits); the awaited HTTP calls, and got's and Node.js's work on them, are not in it.

${table(
  ["method", "inclusive ms", "share of busy"],
  methods.map(([method, time]) => [method, ms(time), share(time, process.busyMs)]),
)}`
}

${table(
  ["most self time: function file:line", "self ms"],
  process.top.map(([name, time]) => [`\`${name}\``, ms(time)]),
)}`);
  }
  return sections.join("\n\n");
}

export function engineProfileTable(profile: BenchResults["engineProfile"]): string {
  if (profile === undefined) {
    return "";
  }
  if ("notMeasured" in profile) {
    return `Not measured: ${profile.notMeasured}`;
  }
  const { provider, floor, size } = profile as EngineProfile;
  const of = (time: number, total: number) => `${ms(time)} (${((100 * time) / total).toFixed(0)}%)`;
  const row = (label: string, mine: number, theirs: number) => [
    label,
    of(mine, provider.totalMs),
    of(theirs, floor.totalMs),
    ratio(mine / theirs),
  ];
  return `The Pulumi CLI's own CPU profile (\`pulumi up --profiling\`) in \`up\` of ${size} instances, the provider's fleet and then the minimal provider's; time is a function's own and its callees', in ms, with its share of the engine's CPU. Rows marked … are part of saving checkpoints.

${table(
  ["engine activity (Go function)", "provider ms", "minimal provider ms", "provider ÷ minimal"],
  [
    row("the engine's CPU, all of it", provider.totalMs, floor.totalMs),
    ...ENGINE_ACTIVITIES.map(({ activity, fn, part }) =>
      row(
        `${part === true ? "… " : ""}${activity} (\`${fn.replace(/^.*\//, "")}\`)`,
        provider.activities[activity] ?? 0,
        floor.activities[activity] ?? 0,
      ),
    ),
    row("the rest: planning, steps, gRPC to the host and the program", restMs(provider), restMs(floor)),
    [
      "state file after up, bytes",
      String(provider.stateBytes),
      String(floor.stateBytes),
      ratio(provider.stateBytes / floor.stateBytes),
    ],
  ],
)}`;
}

export function sizeTable(size: SizeFigures, repeats: readonly Repeat[]): string {
  const inState = repeats[0]?.fleets[0]?.providerBytes;
  const floorInState = repeats[0]?.floorFleets[0]?.providerBytes;
  return table(
    ["figure", "bytes", "goal"],
    [
      [
        "provider text (`__provider`) every BoxConnectorInstance registers",
        String(size.serializedProviderBytes),
        `≤ ${GOALS.serializedProviderBytes}: ${mark(size.serializedProviderBytes <= GOALS.serializedProviderBytes)}`,
      ],
      ...(inState === undefined
        ? []
        : [
            [
              `\`__provider\` as found in the state file, × ${size.copiesPerResource} per resource (inputs and outputs); the minimal provider's: ${floorInState ?? "—"}`,
              `${inState} × ${size.copiesPerResource} = ${inState * size.copiesPerResource}`,
              "",
            ],
          ]),
    ],
  );
}
