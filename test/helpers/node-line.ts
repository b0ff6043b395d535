import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

/**
 * The Node.js releases CI runs the packaged package on, one per line in support. package.json's `engines` says
 * `>=22.12`: require(esm), which loads the ESM-only got, is on by default from 22.12. The default line (26, the
 * active LTS) is also the repository's own `node` devDependency, which runs the whole suite.
 */
export const NODE_RELEASES = { 22: "22.23.3", 24: "24.21.0", 26: "26.10.0" } as const;

export type NodeLine = keyof typeof NODE_RELEASES;

/**
 * The folder of a `node` binary of `version`, from the npm registry's `node` package, installed once into a cache
 * outside the repository (the machines reach the npm registry but no Node.js download site).
 */
export async function nodeBinDir(version: string): Promise<string> {
  const cache = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache");
  const prefix = path.join(cache, "pulumi-amplify-box", "node", version);
  const bin = path.join(prefix, "node_modules", "node", "bin");
  if (!existsSync(path.join(bin, "node"))) {
    await mkdir(prefix, { recursive: true });
    await promisify(execFile)(
      "npm",
      ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error", `node@${version}`],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  }
  const { stdout } = await promisify(execFile)(path.join(bin, "node"), ["--version"]);
  if (stdout.trim() !== `v${version}`) {
    throw new Error(`the node in ${bin} reports ${stdout.trim()}, not v${version}`);
  }
  return bin;
}
