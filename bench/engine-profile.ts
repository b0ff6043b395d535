/**
 * Where the engine's time goes in `up`: the Pulumi CLI's own CPU profile (`pulumi up --profiling`), taken for the
 * provider's fleet and the minimal provider's at the same size, and summed by what the engine was doing.
 *
 * Why it is in the bench: the time per added instance of `up` is mostly the file backend rewriting the whole state
 * after every step. This shows how much of the engine's CPU that is, and that it grows with the state's bytes and
 * properties (JSON encoding, the MD5 the blob store computes over the file, the backup copy, the garbage collector),
 * which is what the provider's outputs cost it.
 *
 * The profile is Go's pprof format; `go tool pprof` reads it, so this needs Go on PATH (the machines that build the
 * CLI have it). Without Go the section says so and the rest of the bench goes on.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { benchFleet } from "./fleet-bench.js";

/**
 * What the engine does, by the Go function whose time (its own and its callees') measures it. A `part` is inside
 * saving checkpoints; the others do not overlap, so the engine's CPU less them is the rest.
 */
export const ENGINE_ACTIVITIES: ReadonlyArray<{
  readonly activity: string;
  readonly fn: string;
  readonly part?: true;
}> = [
  {
    activity: "saving checkpoints: the whole state, after every step",
    fn: "github.com/pulumi/pulumi/pkg/v3/backend.(*SnapshotManager).saveSnapshot",
  },
  {
    activity: "turning each resource into its state form",
    fn: "github.com/pulumi/pulumi/pkg/v3/resource/stack.SerializeResource",
    part: true,
  },
  {
    activity: "encrypting secrets (cached, still a round per checkpoint)",
    fn: "github.com/pulumi/pulumi/pkg/v3/resource/stack.(*cachingBatchEncrypter).sendNextBatch",
    part: true,
  },
  { activity: "encoding JSON", fn: "encoding/json.(*Encoder).Encode", part: true },
  { activity: "the MD5 the blob store computes over the file", fn: "crypto/md5.(*digest).Write", part: true },
  {
    activity: "copying the last file to the backup",
    fn: "github.com/pulumi/pulumi/pkg/v3/backend/diy.backupTarget",
    part: true,
  },
  { activity: "garbage collection (mostly of what checkpoints allocate)", fn: "runtime.gcBgMarkWorker" },
];

/** The engine's CPU outside the activities: planning, steps, gRPC to the host and the program. */
export const restMs = (side: EngineSide): number =>
  ENGINE_ACTIVITIES.filter((item) => item.part !== true).reduce(
    (rest, item) => rest - (side.activities[item.activity] ?? 0),
    side.totalMs,
  );

/** One side's profile: total CPU, and the time of each activity's function, in ms. */
export interface EngineSide {
  readonly totalMs: number;
  readonly activities: Readonly<Record<string, number>>;
  /** The state file after `up`. */
  readonly stateBytes: number;
}

export interface EngineProfile {
  readonly size: number;
  readonly provider: EngineSide;
  readonly floor: EngineSide;
}

const UNITS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  min: 60_000,
  h: 3_600_000,
};

/** A pprof duration (`1.25s`, `340ms`, `0`) in ms. */
export function durationMs(text: string): number {
  const match = /^([0-9.]+)([a-zµ]*)$/.exec(text.trim());
  if (match === null) {
    return Number.NaN;
  }
  const value = Number(match[1]);
  const unit = match[2] ?? "";
  return unit === "" ? (value === 0 ? 0 : Number.NaN) : value * (UNITS[unit] ?? Number.NaN);
}

/**
 * Reads `go tool pprof -top -cum` output: the total sampled time, and each function's cumulative time
 * (`flat flat% sum% cum cum% name` per line).
 */
export function parsePprofTop(text: string): { totalMs: number; cumulativeMs: Map<string, number> } {
  const total = /Total samples = (\S+)/.exec(text);
  const cumulativeMs = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = /^\s*(\S+)\s+\S+%\s+\S+%\s+(\S+)\s+\S+%\s+(.+?)\s*$/.exec(line);
    if (match !== null) {
      cumulativeMs.set(match[3] as string, durationMs(match[2] as string));
    }
  }
  return { totalMs: total === null ? Number.NaN : durationMs(total[1] as string), cumulativeMs };
}

/** The activities of one parsed profile; an activity whose function never ran was not sampled: 0. */
export function engineSide(top: ReturnType<typeof parsePprofTop>, stateBytes: number): EngineSide {
  return {
    totalMs: top.totalMs,
    activities: Object.fromEntries(
      ENGINE_ACTIVITIES.map(({ activity, fn }) => [activity, top.cumulativeMs.get(fn) ?? 0]),
    ),
    stateBytes,
  };
}

/** Profiles the engine in `up` of `size` instances, the provider's fleet and then the minimal provider's. */
export async function profileEngine(size: number): Promise<EngineProfile> {
  const root = await mkdtemp(path.join(os.tmpdir(), "bench-engine-profile-"));
  try {
    const side = async (floor: boolean): Promise<EngineSide> => {
      const dir = path.join(root, floor ? "minimal" : "provider");
      await mkdir(dir);
      const fleet = await benchFleet(size, { commands: ["up"], floor, engineProfilePrefix: path.join(dir, "up") });
      if (!fleet.commands.up.ok) {
        throw new Error(`up of ${size} failed: ${fleet.commands.up.outcome}`);
      }
      const file = (await readdir(dir)).find((name) => name.endsWith(".cpu"));
      if (file === undefined) {
        throw new Error(`pulumi up --profiling wrote no CPU profile into ${dir}`);
      }
      const { stdout } = await promisify(execFile)(
        "go",
        ["tool", "pprof", "-top", "-cum", "-nodecount=100000", path.join(dir, file)],
        { maxBuffer: 64 * 1024 * 1024 },
      ).catch((error: Error) => {
        throw new Error(`go tool pprof could not read the engine's profile: ${error.message.split("\n")[0]}`);
      });
      return engineSide(parsePprofTop(stdout), fleet.stateBytes);
    };
    const provider = await side(false);
    const floor = await side(true);
    return { size, provider, floor };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
