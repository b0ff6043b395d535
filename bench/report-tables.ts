/** The tables of BENCHMARKS.md, one per section. */
import { callsAsExpected, floorMsOf, GOALS, MODE_LABELS, type PerInstance, perInstanceMet } from "./figures.js";
import type { CommandFigures, FleetFigures } from "./fleet-bench.js";
import { mark, ms, ratio, seconds, table } from "./markdown.js";
import { MODES, type OperationFigures } from "./operation-bench.js";
import type { PlainCommand, PlainFigures } from "./plain-fleet.js";
import type { SizeFigures } from "./size-bench.js";
import { slope } from "./stats.js";

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

export function fleetTable(
  fleets: readonly FleetFigures[],
  floorFleets: readonly FleetFigures[],
  plain: readonly PlainFigures[],
): string {
  const rows: string[][] = [];
  for (const fleet of fleets) {
    const floor = floorFleets.find((item) => item.size === fleet.size);
    const script = plain.find((item) => item.size === fleet.size);
    for (const figures of Object.values(fleet.commands)) {
      const plainWall = figures.command === "preview" ? undefined : script?.wallMs[figures.command as PlainCommand];
      rows.push([
        figures.command,
        String(fleet.size),
        wallText(figures),
        callsText(figures),
        callsAsExpected(figures, fleet.size) ? "yes" : "**no**",
        wallText(floor?.commands[figures.command]),
        plainWall === undefined ? (figures.command === "preview" ? "— (no calls)" : "—") : seconds(plainWall),
      ]);
    }
  }
  return table(
    ["command", "instances", "wall s", "API calls", "calls as expected", "minimal provider s", "plain script s"],
    rows,
  );
}

export function perInstanceTable(rows: readonly PerInstance[]): string {
  return table(
    [
      "command",
      "provider ms / instance",
      "minimal provider ms / instance",
      "plain script ms / instance",
      `provider ÷ plain (goal ≤ ${GOALS.perInstanceRatio}×)`,
      "minimal ÷ plain",
      "provider − minimal ms",
      "provider, state written at the end only: ms / instance (÷ plain)",
    ],
    rows.map((row) => [
      row.command,
      ms(row.providerMs),
      ms(row.floorMs),
      row.plainMs === undefined ? "— (no calls)" : ms(row.plainMs),
      row.plainMs === undefined
        ? "—"
        : `${ratio(row.providerMs / row.plainMs)} ${mark(perInstanceMet(row.providerMs, row.plainMs))}`,
      row.plainMs === undefined ? "—" : ratio(row.floorMs / row.plainMs),
      ms(row.providerMs - row.floorMs),
      row.uncheckpointedMs === undefined
        ? "—"
        : `${ms(row.uncheckpointedMs)}${row.plainMs === undefined ? "" : ` (${ratio(row.uncheckpointedMs / row.plainMs)})`}`,
    ]),
  );
}

export function rateLimitTable(rateLimit: { limit: number; fleet: FleetFigures }): string {
  return table(
    [
      "command",
      "instances",
      "API calls",
      "429 answers",
      "floor s (calls ÷ limit)",
      "wall s",
      `wall ÷ floor (goal ≤ ${GOALS.rateLimitRatio}×)`,
      "first → last call s",
      "(first → last call) ÷ floor",
      "start → first call / last call → end s",
    ],
    Object.values(rateLimit.fleet.commands).map((figures) => {
      const floor = floorMsOf(figures, rateLimit.limit);
      return [
        figures.command,
        String(rateLimit.fleet.size),
        callsText(figures).replace(/ \(\+.*\)$/, ""),
        String(figures.traffic.rateLimited),
        seconds(floor),
        wallText(figures),
        `${ratio(figures.wallMs / floor)} ${mark(figures.ok && figures.wallMs / floor <= GOALS.rateLimitRatio)}`,
        seconds(figures.traffic.spanMs),
        ratio(figures.traffic.spanMs / floor),
        `${seconds(figures.traffic.beforeFirstMs)} / ${seconds(figures.traffic.afterLastMs)}`,
      ];
    }),
  );
}

export function sizeTable(
  size: SizeFigures,
  fleets: readonly FleetFigures[],
  floorFleets: readonly FleetFigures[],
): string {
  const bytesPerInstance = (items: readonly FleetFigures[]) =>
    slope(items.map((fleet) => ({ x: fleet.size, y: fleet.stateBytes - fleet.emptyStateBytes })));
  const inState = fleets[0]?.providerBytes;
  const rows: string[][] = [
    [
      "provider text (`__provider`) every BoxConnectorInstance registers",
      String(size.serializedProviderBytes),
      `≤ ${GOALS.serializedProviderBytes}: ${mark(size.serializedProviderBytes <= GOALS.serializedProviderBytes)}`,
    ],
  ];
  if (inState !== undefined) {
    rows.push([
      `\`__provider\` as found in the state file, × ${size.copiesPerResource} per resource (inputs and outputs)`,
      `${inState} × ${size.copiesPerResource} = ${inState * size.copiesPerResource}`,
      "",
    ]);
  }
  for (const fleet of fleets) {
    rows.push([
      `state file after up of ${fleet.size} (empty stack ${fleet.emptyStateBytes})`,
      `${fleet.stateBytes} (${((fleet.stateBytes - fleet.emptyStateBytes) / fleet.size).toFixed(0)} per instance)`,
      "",
    ]);
  }
  if (fleets.length >= 2) {
    rows.push(["state-file bytes per added instance (slope)", bytesPerInstance(fleets).toFixed(0), ""]);
  }
  if (floorFleets.length >= 2) {
    rows.push([
      `the same for the minimal provider (its \`__provider\`: ${floorFleets[0]?.providerBytes ?? "?"} bytes)`,
      bytesPerInstance(floorFleets).toFixed(0),
      "",
    ]);
  }
  return table(["figure", "bytes", "goal"], rows);
}
