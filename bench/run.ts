/**
 * `npm run bench`: what the provider costs above the engine's floor (a minimal dynamic provider with the same
 * resources and HTTP calls), and how a stack's cost grows to 1,000 instances. Prints the tables and rewrites
 * BENCHMARKS.md. Sections (`--only`, comma-separated; default all but ops):
 * - `fleet`: `--repeats` (5) rounds of the provider's and the minimal provider's fleets at `--sizes` (10,50,200),
 *   interleaved; time per added instance, state bytes, one instance's state part by part;
 * - `curve`: both once more at `--curve-sizes` (1000), and the provider with the state written once at the end;
 * - `ratelimit`: `--rate-limit-rounds` (3) rounds of both at `--rate-limit-size` (200) under 20 requests/second;
 * - `profile`: a provider fleet of `--profile-size` (200) with every Node.js process profiled, and the engine's own
 *   profile of `up` for both providers (needs Go for `go tool pprof`);
 * - `size`: the provider text;
 * - `ops`: per operation against the raw request (`--runs` 200, `--warmup` 20), slow and without a goal.
 * `--no-write` prints only. Everything runs on 127.0.0.1 and stops by itself; a watchdog ends a run that hangs.
 */
import { writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { startSandbox } from "../sandbox/index.js";
import { ensurePulumiCli, REPO_ROOT } from "../scripts/pulumi-cli.js";
import { profileEngine } from "./engine-profile.js";
import { type BenchResults, type Curve, type RateLimitRound, type Repeat, verdicts } from "./figures.js";
import { benchFleet, type FleetFigures } from "./fleet-bench.js";
import { profileFleet } from "./host-profile.js";
import { defaultParallelism, describeMachine } from "./machine.js";
import { benchOperations } from "./operation-bench.js";
import { renderDocument, renderMachine, renderTables } from "./report.js";
import { benchSize } from "./size-bench.js";

const SECTIONS = ["ops", "fleet", "curve", "ratelimit", "profile", "size"] as const;
const DEFAULT_SECTIONS = SECTIONS.filter((section) => section !== "ops");
const LATENCY_MS = 20;
const RATE_LIMIT = 20;
// A full default run takes about 17 minutes on 2 cores, the fleets of 1,000 a good part of it; a loaded machine can
// take several times that before a hung command is the likelier cause.
const WATCHDOG_MS = 90 * 60 * 1000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "200" },
      warmup: { type: "string", default: "20" },
      sizes: { type: "string", default: "10,50,200" },
      repeats: { type: "string", default: "5" },
      "rate-limit-rounds": { type: "string", default: "3" },
      "curve-sizes": { type: "string", default: "1000" },
      "rate-limit-size": { type: "string", default: "200" },
      "profile-size": { type: "string", default: "200" },
      only: { type: "string", default: DEFAULT_SECTIONS.join(",") },
      "no-write": { type: "boolean", default: false },
    },
  });
  const runs = positive(values.runs, "--runs");
  const warmup = Number(values.warmup);
  if (!Number.isInteger(warmup) || warmup < 0) {
    throw new Error(`--warmup takes a non-negative integer; got "${values.warmup}"`);
  }
  const sizes = list(values.sizes, "--sizes");
  const curveSizes = list(values["curve-sizes"], "--curve-sizes");
  const repeats = positive(values.repeats, "--repeats");
  const rateLimitRounds = positive(values["rate-limit-rounds"], "--rate-limit-rounds");
  const rateLimitSize = positive(values["rate-limit-size"], "--rate-limit-size");
  const profileSize = positive(values["profile-size"], "--profile-size");
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
  progress(`machine: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, Pulumi ${machine.pulumiCli}`);

  let operations: BenchResults["operations"];
  if (only.has("ops")) {
    progress(`per operation: ${runs} runs (+${warmup} warm-up) × 4 operations × 4 modes`);
    const sandbox = await startSandbox({ latencyMs: LATENCY_MS });
    try {
      operations = await benchOperations(sandbox, { runs, warmup, latencyMs: LATENCY_MS });
    } finally {
      await sandbox.close();
    }
  }

  let repeated: Repeat[] | undefined;
  if (only.has("fleet")) {
    repeated = [];
    for (let round = 1; round <= repeats; round += 1) {
      const fleets: FleetFigures[] = [];
      const floorFleets: FleetFigures[] = [];
      for (const size of sizes) {
        // Alternate which goes first, so that a drift in the machine's load falls on both alike.
        for (const floor of round % 2 === 1 ? [false, true] : [true, false]) {
          progress(`round ${round}/${repeats}, fleet of ${size}: ${floor ? "minimal provider" : "provider"}`);
          (floor ? floorFleets : fleets).push(await benchFleet(size, { floor }));
        }
      }
      repeated.push({ fleets, floorFleets });
    }
  }

  let curve: Curve | undefined;
  if (only.has("curve")) {
    const fleets: FleetFigures[] = [];
    const floorFleets: FleetFigures[] = [];
    const commands = ["up", "preview", "destroy"] as const;
    for (const size of curveSizes) {
      progress(`cost curve, fleet of ${size}: provider`);
      fleets.push(await benchFleet(size, { commands }));
      progress(`cost curve, fleet of ${size}: minimal provider`);
      floorFleets.push(await benchFleet(size, { commands, floor: true }));
    }
    const largest = Math.max(...curveSizes);
    progress(`cost curve, fleet of ${largest}: provider with PULUMI_SKIP_CHECKPOINTS=true (the state written once)`);
    const uncheckpointed = await benchFleet(largest, { commands, env: { PULUMI_SKIP_CHECKPOINTS: "true" } });
    curve = { fleets, floorFleets, uncheckpointed };
  }

  let rateLimit: BenchResults["rateLimit"];
  if (only.has("ratelimit")) {
    const commands = ["up", "refresh", "destroy"] as const;
    const rounds: RateLimitRound[] = [];
    for (let round = 1; round <= rateLimitRounds; round += 1) {
      const label = `rate limit, round ${round}/${rateLimitRounds}: ${rateLimitSize} instances at ${RATE_LIMIT} requests/second`;
      progress(`${label}: provider`);
      const fleet = await benchFleet(rateLimitSize, { rateLimit: RATE_LIMIT, commands });
      progress(`${label}: minimal provider`);
      const floorFleet = await benchFleet(rateLimitSize, { rateLimit: RATE_LIMIT, commands, floor: true });
      rounds.push({ fleet, floorFleet });
    }
    rateLimit = { limit: RATE_LIMIT, size: rateLimitSize, rounds };
  }

  let profile: BenchResults["profile"];
  if (only.has("profile")) {
    progress(`profile: a provider fleet of ${profileSize} (up, preview, destroy), every Node.js process profiled`);
    // A profile that cannot be taken or read costs the section, not the run: the report says why.
    profile = await profileFleet(profileSize).catch((error: unknown) => {
      const notMeasured = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
      progress(`profile not measured: ${notMeasured}`);
      return { notMeasured };
    });
  }

  let engineProfile: BenchResults["engineProfile"];
  if (only.has("profile")) {
    progress(`profile: the engine in up of ${profileSize}, provider and minimal provider (pulumi up --profiling)`);
    engineProfile = await profileEngine(profileSize).catch((error: unknown) => {
      const notMeasured = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
      progress(`engine profile not measured: ${notMeasured}`);
      return { notMeasured };
    });
  }

  const size = only.has("size") ? await benchSize() : undefined;

  const results: BenchResults = {
    machine,
    parallelism,
    latencyMs: LATENCY_MS,
    runs,
    warmup,
    startedAt,
    durationMs: performance.now() - started,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
    ...(operations === undefined ? {} : { operations }),
    ...(repeated === undefined ? {} : { repeats: repeated }),
    ...(curve === undefined ? {} : { curve }),
    ...(rateLimit === undefined ? {} : { rateLimit }),
    ...(profile === undefined ? {} : { profile }),
    ...(engineProfile === undefined ? {} : { engineProfile }),
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

const list = (raw: string | undefined, name: string): number[] =>
  (raw ?? "").split(",").map((item) => positive(item, name));

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
