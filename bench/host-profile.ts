/**
 * Where the time goes: a fleet of the provider (up, no-op preview, destroy) with every Node.js process profiled
 * (cpu-profile-preload.ts), and each profile summed up: sampled time by kind of code, the functions that took the
 * most, and for the dynamic-provider host the time inside each provider method.
 */
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { benchFleet, type FleetCommand } from "./fleet-bench.js";

/** The parts of a .cpuprofile this reads (the inspector's Profiler.Profile). */
export interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }>;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export type ProcessKind = "provider host" | "program";

export interface ProcessProfile {
  readonly command: FleetCommand;
  readonly kind: ProcessKind;
  /** Sampled time, idle excluded, in ms. */
  readonly busyMs: number;
  /** Self time by kind of code, in ms, largest first. */
  readonly buckets: ReadonlyArray<readonly [string, number]>;
  /** The functions with the most self time: `name url:line`, ms. */
  readonly top: ReadonlyArray<readonly [string, number]>;
  /** Inclusive time of the provider's methods (synchronous stretches only), in ms. */
  readonly methods: Readonly<Record<string, number>>;
}

export interface HostProfile {
  readonly size: number;
  readonly processes: ProcessProfile[];
}

const PROVIDER_METHODS = ["check", "diff", "create", "read", "update", "delete"];

/** The kind of code a profile node's URL belongs to. */
export function bucketOf(url: string, functionName: string): string {
  if (url === "") {
    return /^\((garbage collector|idle|program)\)$/.test(functionName) ? functionName : "V8 and native";
  }
  if (url.includes("/dist/provider/")) {
    return "this package's provider";
  }
  if (
    /\/node_modules\/(got|@sindresorhus|@szmarczak|cacheable-|http2-wrapper|keyv|responselike|lowercase-keys|p-cancelable|decompress-response|mimic-response|form-data-encoder|get-stream|normalize-url|type-fest|byte-counter|chunk-data|char-regex)/.test(
      url,
    )
  ) {
    return "got";
  }
  if (/\/node_modules\/(@grpc|google-protobuf|protobufjs|@protobufjs)\//.test(url)) {
    return "gRPC and protobuf";
  }
  if (/source-map/.test(url)) {
    return "source maps (the SDK's stack traces)";
  }
  if (url.includes("/node_modules/@pulumi/pulumi/")) {
    return "@pulumi/pulumi SDK";
  }
  if (url.startsWith("node:")) {
    return "Node.js internals";
  }
  return url.includes("/node_modules/") ? "other packages" : "the program";
}

export function summarizeProfile(command: FleetCommand, profile: CpuProfile): ProcessProfile {
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const kind: ProcessKind = profile.nodes.some((node) => node.callFrame.url.includes("cmd/dynamic-provider"))
    ? "provider host"
    : "program";
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let busyMs = 0;
  for (const [id, time] of self) {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) {
      continue;
    }
    const bucket = bucketOf(frame.url, frame.functionName);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + time);
    if (bucket !== "(idle)") {
      busyMs += time;
      const name = `${frame.functionName || "(anonymous)"} ${frame.url.split("/").slice(-2).join("/")}:${frame.lineNumber + 1}`;
      functions.set(name, (functions.get(name) ?? 0) + time);
    }
  }
  const inclusive = (id: number): number =>
    (self.get(id) ?? 0) + (byId.get(id)?.children ?? []).reduce((sum, child) => sum + inclusive(child), 0);
  const methods: Record<string, number> = {};
  for (const node of profile.nodes) {
    const { functionName, url } = node.callFrame;
    if (url.endsWith("instance-operations.js") && PROVIDER_METHODS.includes(functionName)) {
      methods[functionName] = (methods[functionName] ?? 0) + inclusive(node.id);
    }
  }
  const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  return {
    command,
    kind,
    busyMs,
    buckets: sorted(buckets).filter(([bucket]) => bucket !== "(idle)"),
    top: sorted(functions).slice(0, 10),
    methods,
  };
}

/** Profiles a fleet of `size`: up, a no-op preview, destroy, each command's processes apart. */
export async function profileFleet(size: number): Promise<HostProfile> {
  const root = await mkdtemp(path.join(os.tmpdir(), "bench-profile-"));
  try {
    const processes: ProcessProfile[] = [];
    const written = path.join(root, "written");
    await mkdir(written);
    const dirs = new Map<FleetCommand, string>();
    await benchFleet(size, {
      commands: ["up", "preview", "destroy"],
      env: {
        NODE_OPTIONS: `--require ${require.resolve("./cpu-profile-preload.js")}`,
        BENCH_CPU_PROFILE_DIR: written,
      },
      // The processes of a command have ended (and written their profiles) when it returns: file them under it.
      afterCommand: async (command) => {
        const dir = path.join(root, command);
        await rename(written, dir);
        await mkdir(written);
        dirs.set(command, dir);
      },
    });
    for (const [command, dir] of dirs) {
      for (const file of await readdir(dir)) {
        const profile = JSON.parse(await readFile(path.join(dir, file), "utf8")) as CpuProfile;
        const summary = summarizeProfile(command, profile);
        // Short-lived helper processes (the CLI's node version checks) profile nothing worth a row.
        if (summary.busyMs >= 50) {
          processes.push(summary);
        }
      }
    }
    return { size, processes };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
