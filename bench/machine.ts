import { execFile } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

/** What the figures were measured on. */
export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly pulumiCli: string;
  readonly pulumiSdk: string;
}

export async function describeMachine(pulumiBin: string): Promise<Machine> {
  const { stdout } = await promisify(execFile)(path.join(pulumiBin, "pulumi"), ["version"], {
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
  });
  const cpus = os.cpus();
  return {
    cpuModel: (cpus[0]?.model ?? "unknown").trim(),
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    pulumiCli: stdout.trim(),
    pulumiSdk: (require("@pulumi/pulumi/package.json") as { version: string }).version,
  };
}

/**
 * The engine's default `--parallel` for up, preview, refresh and destroy, read from `pulumi up --help` of the CLI
 * in use (v3.248: 4 × GOMAXPROCS, or PULUMI_PARALLEL).
 */
export async function defaultParallelism(pulumiBin: string): Promise<number> {
  const { stdout } = await promisify(execFile)(path.join(pulumiBin, "pulumi"), ["up", "--help"], {
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
  });
  const match = /--parallel\b.*\(default (\d+)\)/.exec(stdout);
  if (match?.[1] === undefined) {
    throw new Error(`pulumi up --help shows no default for --parallel:\n${stdout}`);
  }
  return Number(match[1]);
}
