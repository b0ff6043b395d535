/**
 * Fleets through the real engine: `pulumi up`, a no-op `preview`, `refresh` and `destroy` of N instances of
 * bench/fleet-program.ts, on a file backend, against a fresh sandbox per fleet. Wall time is the Automation API
 * call, CLI start and program run included; the API calls come from the sandbox's request log.
 */
import { readdir, readFile } from "node:fs/promises";
import * as path from "node:path";
import { type Sandbox, startSandbox } from "../sandbox/index.js";
import { createLocalStack, type LocalStack } from "../scripts/local-stack.js";
import { stackConfigFor } from "./operation-bench.js";

export const FLEET_COMMANDS = ["up", "preview", "refresh", "destroy"] as const;
export type FleetCommand = (typeof FLEET_COMMANDS)[number];

/** What one command did to the API. */
export interface ApiTraffic {
  /** Requests the API acted on or refused for a reason other than the rate limit, by method. */
  readonly calls: Record<string, number>;
  readonly total: number;
  /** Requests refused with 429. */
  readonly rateLimited: number;
  /** Answers other than 2xx and 429. */
  readonly failed: number;
  /** From the first request's arrival to the last one's, in ms; 0 without requests. */
  readonly spanMs: number;
  /** From the start of the command to the first request, and from the last request to the end, in ms. */
  readonly beforeFirstMs: number;
  readonly afterLastMs: number;
}

export interface CommandFigures {
  readonly command: FleetCommand;
  readonly wallMs: number;
  readonly traffic: ApiTraffic;
  /** What the engine reported, e.g. `{"create":200}`; or the error when the command failed. */
  readonly outcome: string;
  readonly ok: boolean;
}

export interface FleetFigures {
  readonly size: number;
  readonly commands: Record<FleetCommand, CommandFigures>;
  /** The state file after `up`. */
  readonly stateBytes: number;
  /** UTF-8 bytes of one resource's `__provider` in that state file (stored in its inputs and its outputs). */
  readonly providerBytes: number;
  /** The state file of the same stack before `up` (no resources). */
  readonly emptyStateBytes: number;
  /** One instance's resource object as the state file holds it after `up` (BENCHMARKS.md accounts for its bytes). */
  readonly resource?: Record<string, unknown>;
}

const PROJECT = "amplify-box-bench";
const SANDBOX_LATENCY_MS = 20;

/** A fresh sandbox and stack of `size` instances: up, no-op preview, refresh, destroy. */
export async function benchFleet(
  size: number,
  options: {
    latencyMs?: number;
    rateLimit?: number;
    commands?: readonly FleetCommand[];
    /** Extra environment for the Pulumi CLI and the provider (experiments, e.g. PULUMI_SKIP_CHECKPOINTS). */
    env?: Readonly<Record<string, string>>;
    /** The engine's floor: bench/floor-fleet-program.ts and its minimal provider instead of BoxConnectorInstance. */
    floor?: boolean;
    /**
     * Runs `up` through the CLI itself with `--profiling <prefix>` (the Automation API has no way to pass it), so the
     * engine writes its own CPU profile to `<prefix>.<pid>.cpu`.
     */
    engineProfilePrefix?: string;
    /** Runs after each command, before the next (the profiler files what the command's processes wrote). */
    afterCommand?: (command: FleetCommand) => Promise<void>;
  } = {},
): Promise<FleetFigures> {
  const sandbox = await startSandbox({ latencyMs: options.latencyMs ?? SANDBOX_LATENCY_MS });
  let local: LocalStack | undefined;
  try {
    local = await createLocalStack({
      main: options.floor === true ? "dist/bench/floor-fleet-program.js" : "dist/bench/fleet-program.js",
      projectName: PROJECT,
      stackName: `fleet-${size}`,
      config: {
        ...Object.fromEntries(
          Object.entries(stackConfigFor(sandbox)).map(([key, value]) => [key, { value, secret: /secret/i.test(key) }]),
        ),
        [`${PROJECT}:count`]: { value: String(size) },
      },
      env: {
        BENCH_AMPLIFY_BASE_URL: sandbox.baseUrl,
        BENCH_AMPLIFY_AUTHORIZATION: sandbox.authorization,
        ...options.env,
      },
    });
    // An empty refresh writes the first checkpoint, the size of a stack without resources.
    await local.stack.refresh({ color: "never" });
    const emptyStateBytes = (await stateFile(local)).bytes;
    if (options.rateLimit !== undefined) {
      sandbox.faults.rateLimit(options.rateLimit);
    }
    const commands = {} as Record<FleetCommand, CommandFigures>;
    let state: StateFile = { bytes: 0, providerBytes: 0 };
    for (const command of options.commands ?? FLEET_COMMANDS) {
      commands[command] = await runCommand(local, sandbox, command, options.engineProfilePrefix);
      await options.afterCommand?.(command);
      if (command === "up") {
        state = await stateFile(local);
      }
    }
    return {
      size,
      commands,
      stateBytes: state.bytes,
      providerBytes: state.providerBytes,
      emptyStateBytes,
      ...(state.resource === undefined ? {} : { resource: state.resource }),
    };
  } finally {
    await local?.dispose();
    await sandbox.close();
  }
}

async function runCommand(
  local: LocalStack,
  sandbox: Sandbox,
  command: FleetCommand,
  engineProfilePrefix?: string,
): Promise<CommandFigures> {
  sandbox.clearRequests();
  const startedAt = Date.now();
  const started = performance.now();
  let outcome: string;
  let ok = true;
  try {
    outcome =
      command === "up" && engineProfilePrefix !== undefined
        ? lastLine(
            await local.pulumi([
              "up",
              "--yes",
              "--skip-preview",
              "--color",
              "never",
              "--profiling",
              engineProfilePrefix,
            ]),
          )
        : await engineCall(local, command);
  } catch (error) {
    ok = false;
    outcome = `failed: ${(error instanceof Error ? error.message : String(error)).split("\n").find((line) => /error/i.test(line)) ?? String(error).slice(0, 200)}`;
  }
  const wallMs = performance.now() - started;
  return { command, wallMs, traffic: trafficOf(sandbox, startedAt, startedAt + wallMs), outcome, ok };
}

/** The CLI's last line of output (its summary), for the outcome column. */
const lastLine = (text: string): string => text.trim().split("\n").at(-1) ?? "";

async function engineCall(local: LocalStack, command: FleetCommand): Promise<string> {
  const options = { color: "never" as const };
  switch (command) {
    case "up":
      return JSON.stringify((await local.stack.up(options)).summary.resourceChanges ?? {});
    case "preview":
      return JSON.stringify((await local.stack.preview(options)).changeSummary);
    case "refresh":
      return JSON.stringify((await local.stack.refresh(options)).summary.resourceChanges ?? {});
    case "destroy":
      return JSON.stringify((await local.stack.destroy(options)).summary.resourceChanges ?? {});
  }
}

export function trafficOf(sandbox: Sandbox, startedAt: number, endedAt: number): ApiTraffic {
  const requests = sandbox.requests;
  const calls: Record<string, number> = {};
  let rateLimited = 0;
  let failed = 0;
  for (const request of requests) {
    if (request.status === 429) {
      rateLimited += 1;
      continue;
    }
    if (request.status < 200 || request.status >= 300) {
      failed += 1;
    }
    calls[request.method] = (calls[request.method] ?? 0) + 1;
  }
  const times = requests.map((request) => request.at);
  const first = times.length === 0 ? endedAt : Math.min(...times);
  const last = times.length === 0 ? endedAt : Math.max(...times);
  return {
    calls,
    total: requests.length - rateLimited,
    rateLimited,
    failed,
    spanMs: last - first,
    beforeFirstMs: first - startedAt,
    afterLastMs: endedAt - last,
  };
}

interface StateFile {
  readonly bytes: number;
  readonly providerBytes: number;
  readonly resource?: Record<string, unknown>;
}

/**
 * The size of the file backend's checkpoint (one JSON file per stack under `.pulumi/stacks/<project>/`), and its
 * first dynamic resource with the bytes of its `__provider`.
 */
async function stateFile(local: LocalStack): Promise<StateFile> {
  const dir = path.join(local.stateDir, ".pulumi", "stacks", PROJECT);
  const files = (await readdir(dir)).filter((name) => name.endsWith(".json"));
  if (files.length !== 1) {
    throw new Error(`expected one checkpoint in ${dir}; found ${files.join(", ") || "none"}`);
  }
  const text = await readFile(path.join(dir, files[0] as string), "utf8");
  const checkpoint = JSON.parse(text) as {
    checkpoint?: {
      latest?: { resources?: Array<{ type: string; inputs?: Record<string, unknown> } & Record<string, unknown>> };
    };
  };
  const dynamic = checkpoint.checkpoint?.latest?.resources?.find((resource) => resource.type.includes(":dynamic"));
  const provider = dynamic?.inputs?.__provider;
  return {
    bytes: Buffer.byteLength(text),
    providerBytes: typeof provider === "string" ? Buffer.byteLength(provider) : 0,
    ...(dynamic === undefined ? {} : { resource: dynamic }),
  };
}
