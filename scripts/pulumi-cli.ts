import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";

/** The repository root, from the compiled location dist/scripts/. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/**
 * The folder holding `pulumi` and `pulumi-language-nodejs`, from scripts/ensure-pulumi-cli.sh: a `pulumi` already on
 * PATH when it is recent enough, otherwise the build cached outside the repo (building it on first use).
 * Progress of a build goes to this process's stderr.
 */
export async function ensurePulumiCli(): Promise<string> {
  const { stdout } = await promisify(execFile)("bash", [path.join(REPO_ROOT, "scripts", "ensure-pulumi-cli.sh")], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
    timeout: 60 * 60 * 1000,
  }).catch((error: Error & { stderr?: string }) => {
    throw new Error(`could not make the Pulumi CLI available: ${error.message}\n${error.stderr ?? ""}`);
  });
  const bin = stdout.trim().split("\n").at(-1) ?? "";
  if (!path.isAbsolute(bin)) {
    throw new Error(`scripts/ensure-pulumi-cli.sh printed no bin folder; it printed: ${stdout}`);
  }
  return bin;
}

/** The folder of the `pulumi-resource-pulumi-nodejs` launcher that ships in the root of @pulumi/pulumi. */
export function dynamicProviderPluginDir(): string {
  return path.dirname(require.resolve("@pulumi/pulumi/package.json"));
}
