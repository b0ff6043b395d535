/**
 * BENCHMARKS.md as `npm run bench` renders it (bench/report.ts, bench/report-tables.ts): every section from synthetic
 * figures, in order, without a placeholder leaking into the text, and with the verdicts the figures call for.
 */
import test from "ava";
import type { BenchResults, Repeat } from "../../bench/figures.js";
import type { CommandFigures, FleetCommand, FleetFigures } from "../../bench/fleet-bench.js";
import { renderDocument, renderTables } from "../../bench/report.js";

const COMMANDS = ["up", "preview", "refresh", "destroy"] as const;

function commandFigures(command: FleetCommand, size: number, wallMs: number): CommandFigures {
  const calls = { up: { GET: 1, POST: size }, preview: {}, refresh: { GET: size }, destroy: { DELETE: size } }[command];
  return {
    command,
    wallMs,
    ok: true,
    outcome: "{}",
    traffic: {
      calls,
      total: Object.values(calls).reduce((sum: number, count: number) => sum + count, 0),
      rateLimited: 0,
      failed: 0,
      spanMs: wallMs / 2,
      beforeFirstMs: 1000,
      afterLastMs: 400,
    },
  };
}

const resource = (floor: boolean) => ({
  urn: "urn:pulumi:fleet-10::amplify-box-bench::pulumi-nodejs:dynamic/amplify:BoxConnectorInstance::box-0",
  id: "100001",
  inputs: { __provider: "exports.handler=1", name: "Bench box 0" },
  outputs: floor ? { __provider: "exports.handler=1" } : { __provider: "exports.handler=1", novelOutput: true },
  stackTrace: [],
});

/** A fleet whose commands take `start + size × perInstance` ms. */
function fleet(size: number, perInstance: number, floor: boolean, commands: readonly FleetCommand[] = COMMANDS) {
  return {
    size,
    commands: Object.fromEntries(
      commands.map((command) => [command, commandFigures(command, size, 2000 + size * perInstance)]),
    ) as Record<FleetCommand, CommandFigures>,
    stateBytes: 400 + size * (floor ? 2000 : 2600),
    providerBytes: floor ? 110 : 58,
    emptyStateBytes: 400,
    resource: resource(floor),
  } satisfies FleetFigures;
}

const round = (provider: number): Repeat => ({
  fleets: [10, 50, 200].map((size) => fleet(size, provider, false)),
  floorFleets: [10, 50, 200].map((size) => fleet(size, 20, true)),
});

const results: BenchResults = {
  machine: {
    cpuModel: "Test CPU",
    cores: 2,
    memoryGiB: 8,
    os: "Linux",
    node: "v22",
    pulumiCli: "v3",
    pulumiSdk: "3",
  },
  parallelism: 8,
  latencyMs: 20,
  runs: 200,
  warmup: 20,
  startedAt: new Date("2026-01-01T00:00:00Z"),
  durationMs: 60_000,
  loadAverage: { start: 0.5, end: 0.7 },
  repeats: [round(21), round(30), round(22)],
  curve: {
    fleets: [fleet(1000, 60, false, ["up", "preview", "destroy"])],
    floorFleets: [fleet(1000, 40, true, ["up", "preview", "destroy"])],
    uncheckpointed: fleet(1000, 12, false, ["up", "preview", "destroy"]),
  },
  rateLimit: {
    limit: 20,
    size: 200,
    rounds: [{ fleet: fleet(200, 50, false, ["up", "refresh", "destroy"]), floorFleet: fleet(200, 50, true, ["up"]) }],
  },
  profile: { notMeasured: "no Node.js process wrote a profile" },
  size: { serializedProviderBytes: 58, copiesPerResource: 2 },
};

test("every section renders, in order, with no placeholder in the text", (t) => {
  const document = renderDocument(results);
  const headings = [...document.matchAll(/^#+ (.+)$/gm)].map((match) => match[1]);
  t.deepEqual(headings, [
    "Benchmarks",
    "Machine",
    "Method",
    "Figures",
    "Goals",
    "Time per added instance (least-squares slope over the fleet sizes, 3 rounds)",
    "Fleets (sandbox latency 20 ms; engine parallelism 8)",
    "State",
    "Cost curve",
    "Rate limit (20 requests/second, 200 instances, 1 round, sandbox latency 20 ms)",
    "Where the time goes (CPU profiles)",
    "Size",
  ]);
  t.notRegex(document, /undefined|NaN|\[object|Infinity/);
  t.true(document.endsWith("\n"));
});

test("the goals table says met and missed as the figures call for", (t) => {
  const text = renderTables(results);
  t.regex(
    text,
    /\| time per added instance ≤ 1\.15× the minimal provider's \(up; median of 3\) \| 22\.0 ms vs 20\.0 ms: 1\.10× \(spread 1\.05×–1\.50×\) \| met \|/,
  );
  t.regex(
    text,
    /\| state-file bytes per added instance ≤ 1\.3× the minimal provider's \| 2600 vs 2000: 1\.30× \| met \|/,
  );
  t.regex(
    text,
    /rate-limited refresh of 200: start → first call .*\| — \(each: —\) \| \*\*missed\*\* \|/,
    "no minimal run",
  );
  t.notRegex(text, /plain script|≤ 2×|1\.25×/, "the old goals are gone");
});

test("the cost curve joins round 1's small fleets to the large ones, with the marginal time between sizes", (t) => {
  const text = renderTables(results);
  t.regex(text, /\| up \| 10 \| 2\.21 \/ 2\.20 \| 221 \/ 220 \| — \| — \| 26400 \/ 20400 \|/);
  // (62000 − 6200) ÷ 800 = 69.75 for the provider, (42000 − 6000) ÷ 800 = 45 for the minimal provider
  t.regex(
    text,
    /\| destroy \| 1000 \| 62\.00 \/ 42\.00 \| 62\.0 \/ 42\.0 \| 69\.8 \/ 45\.0 \| 1\.55× \| 2600400 \/ 2000400 \|/,
  );
  t.regex(text, /state file written once.*: up 14\.00 s \(14\.0 ms per instance; with a rewrite per step: 62\.00 s\)/);
});

test("one instance's state, part by part, lists the parts without a purpose", (t) => {
  const text = renderTables(results);
  t.regex(text, /\| `outputs\.novelOutput` \| 19 \| — \| \(not described\) \|/);
  t.regex(text, /Not described yet: `outputs\.novelOutput`\./);
  t.regex(text, /\| `inputs\.name` \| 21 \| 21 \| input: the instance name \|/);
});

test("a profile that could not be taken says why", (t) => {
  t.regex(
    renderTables(results),
    /### Where the time goes \(CPU profiles\)\n\nNot measured: no Node\.js process wrote a profile/,
  );
});
