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
  /** Sampled time in all, idle included, in ms. */
  readonly sampledMs: number;
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
  if (url.includes("/node_modules/typescript/")) {
    return "TypeScript compiler (loaded by the SDK)";
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
  let sampledMs = 0;
  for (const [id, time] of self) {
    sampledMs += time;
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
  const isMethod = (frame: CpuProfile["nodes"][number]["callFrame"]) =>
    frame.url.endsWith("/dist/provider/dynamic/instance-operations.js") &&
    PROVIDER_METHODS.includes(frame.functionName);
  // A method's node counts once, at its outermost call: were one method to call another (or itself), the inner
  // node's time is already in the outer one's inclusive time.
  const methods: Record<string, number> = {};
  const visit = (id: number, insideMethod: boolean) => {
    const node = byId.get(id);
    if (node === undefined) {
      return;
    }
    const method = isMethod(node.callFrame);
    if (method && !insideMethod) {
      const name = node.callFrame.functionName;
      methods[name] = (methods[name] ?? 0) + inclusive(id);
    }
    for (const child of node.children ?? []) {
      visit(child, insideMethod || method);
    }
  };
  // The root is the node no other node lists as a child (the first one, in the profiles V8 writes).
  const children = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  for (const node of profile.nodes.filter((item) => !children.has(item.id))) {
    visit(node.id, false);
  }
  const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  return {
    command,
    kind,
    sampledMs,
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
    let files = 0;
    for (const [command, dir] of dirs) {
      for (const file of await readdir(dir)) {
        files += 1;
        const profile = JSON.parse(await readFile(path.join(dir, file), "utf8")) as CpuProfile;
        if (!Array.isArray(profile.nodes) || !Array.isArray(profile.samples) || !Array.isArray(profile.timeDeltas)) {
          throw new Error(`${command}: ${file} is not a V8 CPU profile (no nodes, samples and timeDeltas)`);
        }
        const summary = summarizeProfile(command, profile);
        // Short-lived helper processes (the CLI's node version checks) profile nothing worth a row.
        if (summary.busyMs >= 50) {
          processes.push(summary);
        }
      }
    }
    if (files === 0) {
      throw new Error("no Node.js process wrote a profile (was NODE_OPTIONS passed on to the program and the host?)");
    }
    if (!processes.some((item) => item.kind === "provider host")) {
      throw new Error(`none of the ${files} profiles is the dynamic-provider host's`);
    }
    return { size, processes };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
