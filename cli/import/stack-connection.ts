import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import type { ConnectionSettings } from "../../provider/client/connection-settings.js";
import { redact, registerSecrets } from "../../provider/client/redact.js";
import {
  CONFIG_KEYS,
  resolveConnectionSettings,
  type StackConfigSnapshot,
} from "../../provider/dynamic/connection-config.js";

/** The stack an import is for: its instances are adopted there, and its ownership tags are its own. */
export interface ImportStack {
  readonly project: string;
  readonly stack: string;
}

/** Where the import connects, and for which stack; `stack` is undefined outside a Pulumi project folder. */
export interface ImportConnection {
  readonly settings: ConnectionSettings;
  readonly stack: ImportStack | undefined;
  /** Where the credentials came from, for the user: `stack config of amplify-box/dev` or `the environment`. */
  readonly source: string;
}

/** Runs the Pulumi CLI in a folder and resolves to its stdout. */
export type RunPulumi = (args: readonly string[], cwd: string) => Promise<string>;

export interface StackConnectionOptions {
  /** The Pulumi project folder, or any folder: without a Pulumi.yaml the environment is used. */
  readonly cwd: string;
  /** The stack; default the selected one. */
  readonly stack: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  /** Default: the `pulumi` on PATH, with `env`. */
  readonly runPulumi?: RunPulumi;
}

/**
 * The AMPLIFY connection the way the provider finds it: in a Pulumi project folder, the stack's config
 * (`amplify:userSecret`, `amplify:organizationSecret`, `amplify:baseUrl`, ...) with the environment for what it
 * does not set; elsewhere, the environment alone (connection-config.ts holds the keys and the rule).
 * @throws Error with one line fit for the terminal.
 */
export async function stackConnection(options: StackConnectionOptions): Promise<ImportConnection> {
  const projectFile = ["Pulumi.yaml", "Pulumi.yml"].map((name) => path.join(options.cwd, name)).find(existsSync);
  if (projectFile === undefined) {
    if (options.stack !== undefined) {
      throw new Error(
        `--stack ${options.stack}: ${options.cwd} has no Pulumi.yaml; run in the project folder or give --cwd`,
      );
    }
    return { settings: resolveConnectionSettings(options.env, {}), stack: undefined, source: "the environment" };
  }
  const project = projectName(projectFile);
  const run = options.runPulumi ?? pulumiRunner(options.env);
  const stack = options.stack ?? (await selectedStack(run, options.cwd));
  const snapshot = await stackConfig(run, options.cwd, stack);
  return {
    settings: resolveConnectionSettings(options.env, snapshot),
    stack: { project, stack },
    source: `stack config of ${project}/${stack} (the environment for what it does not set)`,
  };
}

function projectName(file: string): string {
  const name = (parse(readFileSync(file, "utf8")) as { name?: unknown } | null)?.name;
  if (typeof name !== "string" || name === "") {
    throw new Error(`${file} has no project name`);
  }
  return name;
}

async function selectedStack(run: RunPulumi, cwd: string): Promise<string> {
  const name = (
    await run(["stack", "--show-name"], cwd).catch((error: Error) => {
      throw new Error(
        `no stack is selected in ${cwd}: give --stack NAME or run \`pulumi stack select\` (${error.message})`,
      );
    })
  ).trim();
  if (name === "") {
    throw new Error(`no stack is selected in ${cwd}: give --stack NAME or run \`pulumi stack select\``);
  }
  return name;
}

/** The stack's `amplify:*` settings, decrypted; only those keys are kept, and their values join the redaction list. */
async function stackConfig(run: RunPulumi, cwd: string, stack: string): Promise<StackConfigSnapshot> {
  const text = await run(["config", "--json", "--show-secrets", "--stack", stack], cwd);
  let parsed: Record<string, { value?: unknown } | undefined>;
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error(`pulumi config --json printed something that is not JSON for stack ${stack}`);
  }
  const snapshot: Record<string, string | undefined> = {};
  for (const { config } of Object.values(CONFIG_KEYS)) {
    const value = parsed[config]?.value;
    if (typeof value === "string") {
      registerSecrets(value);
      snapshot[config] = value;
    }
  }
  return snapshot;
}

function pulumiRunner(env: NodeJS.ProcessEnv): RunPulumi {
  return (args, cwd) =>
    new Promise((resolve, reject) => {
      execFile(
        "pulumi",
        [...args, "--non-interactive"],
        { cwd, env, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 },
        (error, stdout, stderr) => {
          if (error === null) {
            resolve(stdout);
            return;
          }
          const code = (error as NodeJS.ErrnoException).code;
          const detail =
            code === "ENOENT"
              ? "the Pulumi CLI (pulumi) was not found on PATH"
              : redact(String(stderr).trim().split("\n").slice(-2).join(" ")) || error.message;
          reject(new Error(`pulumi ${args.slice(0, 2).join(" ")} failed: ${detail}`));
        },
      );
    });
}
