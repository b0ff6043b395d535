/**
 * `npm run bench`: what the provider costs and how it scales. Prints the tables and rewrites
 * BENCHMARKS.md. Options: `--runs N` (default 200), `--warmup N` (20), `--sizes 10,50,200`, `--rate-limit-size N`
 * (200), `--only ops,fleet,ratelimit,size`, `--no-write` (print only). Everything runs on 127.0.0.1 and stops by
 * itself; a watchdog ends a run that hangs.
 */
import { writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { startSandbox } from "../sandbox/index.js";
import { ensurePulumiCli, REPO_ROOT } from "../scripts/pulumi-cli.js";
import { type BenchResults, verdicts } from "./figures.js";
import { benchFleet, type FleetFigures } from "./fleet-bench.js";
import { defaultParallelism, describeMachine } from "./machine.js";
import { benchOperations } from "./operation-bench.js";
import { benchPlainFleet, type PlainFigures } from "./plain-fleet.js";
import { renderDocument, renderMachine, renderTables } from "./report.js";
import { benchSize } from "./size-bench.js";

const SECTIONS = ["ops", "fleet", "ratelimit", "size"] as const;
const LATENCY_MS = 20;
const RATE_LIMIT = 20;
const WATCHDOG_MS = 20 * 60 * 1000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "200" },
      warmup: { type: "string", default: "20" },
      sizes: { type: "string", default: "10,50,200" },
      "rate-limit-size": { type: "string", default: "200" },
      only: { type: "string", default: SECTIONS.join(",") },
      "no-write": { type: "boolean", default: false },
    },
  });
  const runs = positive(values.runs, "--runs");
  const warmup = Number(values.warmup);
  if (!Number.isInteger(warmup) || warmup < 0) {
    throw new Error(`--warmup takes a non-negative integer; got "${values.warmup}"`);
  }
  const sizes = (values.sizes ?? "").split(",").map((size) => positive(size, "--sizes"));
  const rateLimitSize = positive(values["rate-limit-size"], "--rate-limit-size");
  const only = new Set((values.only ?? "").split(","));
  for (const section of only) {
    if (!(SECTIONS as readonly string[]).includes(section)) {
      throw new Error(`--only takes ${SECTIONS.join(", ")}; got "${section}"`);
    }
  }

  const watchdog = setTimeout(() => {
    process.stderr.write(`bench: still running after ${WATCHDOG_MS / 60_000} minutes; giving up\n`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();

  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const started = performance.now();
  const bin = await ensurePulumiCli();
  const machine = await describeMachine(bin);
  const parallelism = await defaultParallelism(bin);
  const partial: Omit<BenchResults, "durationMs" | "loadAverage"> = {
    machine,
    parallelism,
    latencyMs: LATENCY_MS,
    runs,
    warmup,
    startedAt,
  };
  progress(`machine: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, Pulumi ${machine.pulumiCli}`);

  let operations: BenchResults["operations"];
  if (only.has("ops")) {
    progress(`per operation: ${runs} runs (+${warmup} warm-up) × 4 operations × 3 modes`);
    const sandbox = await startSandbox({ latencyMs: LATENCY_MS });
    try {
      operations = await benchOperations(sandbox, { runs, warmup, latencyMs: LATENCY_MS });
    } finally {
      await sandbox.close();
    }
  }

  let fleets: FleetFigures[] | undefined;
  let floorFleets: FleetFigures[] | undefined;
  let uncheckpointedFleets: FleetFigures[] | undefined;
  let plain: PlainFigures[] | undefined;
  if (only.has("fleet")) {
    fleets = [];
    floorFleets = [];
    uncheckpointedFleets = [];
    plain = [];
    for (const size of sizes) {
      progress(`fleet of ${size}: pulumi up, preview, refresh, destroy`);
      const fleet = await benchFleet(size);
      fleets.push(fleet);
      progress(`fleet of ${size}: the same through a minimal provider (the engine's floor)`);
      floorFleets.push(await benchFleet(size, { floor: true }));
      progress(`fleet of ${size}: the provider again with PULUMI_SKIP_CHECKPOINTS=true (what the state rewrites cost)`);
      uncheckpointedFleets.push(await benchFleet(size, { env: { PULUMI_SKIP_CHECKPOINTS: "true" } }));
      progress(`fleet of ${size}: plain script at concurrency ${parallelism}`);
      plain.push(await benchPlainFleet(size, { concurrency: parallelism, latencyMs: LATENCY_MS }));
    }
  }

  let rateLimit: BenchResults["rateLimit"];
  if (only.has("ratelimit")) {
    progress(`rate limit: ${rateLimitSize} instances at ${RATE_LIMIT} requests/second: up, refresh, destroy`);
    rateLimit = {
      limit: RATE_LIMIT,
      fleet: await benchFleet(rateLimitSize, { rateLimit: RATE_LIMIT, commands: ["up", "refresh", "destroy"] }),
    };
  }

  const size = only.has("size") ? await benchSize() : undefined;

  const results: BenchResults = {
    ...partial,
    durationMs: performance.now() - started,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
    ...(operations === undefined ? {} : { operations }),
    ...(fleets === undefined ? {} : { fleets }),
    ...(floorFleets === undefined ? {} : { floorFleets }),
    ...(uncheckpointedFleets === undefined ? {} : { uncheckpointedFleets }),
    ...(plain === undefined ? {} : { plain }),
    ...(rateLimit === undefined ? {} : { rateLimit }),
    ...(size === undefined ? {} : { size }),
  };
  process.stdout.write(`\n${renderMachine(results)}\n\n${renderTables(results)}\n`);
  if (!values["no-write"]) {
    const file = path.join(REPO_ROOT, "BENCHMARKS.md");
    await writeFile(file, renderDocument(results));
    progress(`wrote ${path.relative(process.cwd(), file) || file}`);
  }
  const missed = verdicts(results).filter((verdict) => !verdict.met).length;
  progress(missed === 0 ? "every goal met" : `${missed} goal(s) missed`);
}

function positive(raw: string | undefined, name: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} takes positive integers; got "${raw}"`);
  }
  return value;
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
