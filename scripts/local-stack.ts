import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { type ConfigMap, LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation/index.js";
import { dynamicProviderPluginDir, ensurePulumiCli, REPO_ROOT } from "./pulumi-cli.js";

export interface LocalStackOptions {
  /** The compiled program to run, relative to the program folder, e.g. `dist/program/index.js`. */
  readonly main: string;
  /**
   * A program folder of its own, with its node_modules installed (e.g. a program that installed the packed
   * package). By default a temporary folder is linked to this repository's dist/ and node_modules/.
   */
  readonly programDir?: string;
  readonly projectName?: string;
  readonly stackName?: string;
  /** Files written into the program folder (name → content), e.g. a desired-state file. */
  readonly files?: Readonly<Record<string, string>>;
  /** Stack config; secret values are encrypted with the passphrase, as `pulumi config set --secret` does. */
  readonly config?: ConfigMap;
  /** Extra environment for the Pulumi CLI, its language host and the provider. */
  readonly env?: Readonly<Record<string, string>>;
  /** A folder holding the `node` to run the program and the provider with; by default this process's own. */
  readonly nodeBinDir?: string;
}

export interface LocalStack {
  readonly stack: Stack;
  /** The program folder: Pulumi.yaml, the files, and links to the repository's dist/ and node_modules/. */
  readonly workDir: string;
  /** The file backend's folder, where the state file lives. */
  readonly stateDir: string;
  /** Everything this stack wrote lives under here. */
  readonly rootDir: string;
  /**
   * The environment the Pulumi CLI runs with for this stack (backend, passphrase, PULUMI_HOME, the CLI on PATH): for
   * running another command in `workDir` as a user in this project folder would.
   */
  readonly env: NodeJS.ProcessEnv;
  /** Runs the Pulumi CLI on this stack with its environment (e.g. `["stack", "export"]`); resolves to stdout. */
  pulumi(args: readonly string[]): Promise<string>;
  /**
   * Starts the Pulumi CLI on this stack in a process group of its own, so that the whole tree (CLI, language host,
   * program, provider) can be killed at once as a crash or a cancelled CI job would: `process.kill(-child.pid)`.
   */
  start(args: readonly string[]): ChildProcess;
  /** Removes the stack's folders (not the resources: destroy first). */
  dispose(): Promise<void>;
}

/** The passphrase of local stacks: they hold sandbox secrets only, and a fixed one lets a kept demo be reopened. */
export const LOCAL_PASSPHRASE = "pulumi-amplify-box-local";

/**
 * A Pulumi stack on a file backend in a temporary folder, run by the real Pulumi CLI through the Automation API,
 * offline: no Pulumi Cloud, no plugin downloads (the program needs only @pulumi/pulumi's own dynamic provider).
 */
export async function createLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const bin = await ensurePulumiCli();
  const rootDir = await mkdtemp(path.join(os.tmpdir(), "amplify-box-stack-"));
  const workDir = options.programDir ?? path.join(rootDir, "program");
  const stateDir = path.join(rootDir, "state");
  const pulumiHome = path.join(rootDir, "pulumi-home");
  await Promise.all([mkdir(workDir, { recursive: true }), mkdir(stateDir), mkdir(pulumiHome)]);
  if (options.programDir === undefined) {
    // The program resolves its modules from the repository; the provider process does too (its cwd is workDir).
    await symlink(path.join(REPO_ROOT, "dist"), path.join(workDir, "dist"));
    await symlink(path.join(REPO_ROOT, "node_modules"), path.join(workDir, "node_modules"));
    await writeFile(path.join(workDir, "package.json"), '{ "name": "local-stack", "private": true }\n');
  }
  for (const [name, content] of Object.entries(options.files ?? {})) {
    await writeFile(path.join(workDir, name), content);
  }
  // The dynamic-provider host comes with @pulumi/pulumi: the program's own copy when it has one, as for users.
  const ownSdk = path.join(workDir, "node_modules", "@pulumi", "pulumi");
  const pluginDir = options.programDir !== undefined && existsSync(ownSdk) ? ownSdk : dynamicProviderPluginDir();
  const nodeBinDir = options.nodeBinDir ?? path.dirname(process.execPath);
  const envVars: Record<string, string> = {
    PATH: [bin, pluginDir, nodeBinDir, process.env.PATH ?? ""].join(":"),
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: LOCAL_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    ...options.env,
  };
  const pulumiCommand = await PulumiCommand.get({ root: path.dirname(bin), skipVersionCheck: true });
  const workspace = await LocalWorkspace.create({
    workDir,
    pulumiHome,
    pulumiCommand,
    envVars,
    projectSettings: {
      name: options.projectName ?? "amplify-box",
      runtime: { name: "nodejs", options: { typescript: false } },
      main: options.main,
    },
  });
  const stack = await Stack.createOrSelect(options.stackName ?? "dev", workspace);
  if (options.config !== undefined) {
    await stack.setAllConfig(options.config);
  }
  const env = { ...process.env, ...envVars, PULUMI_HOME: pulumiHome };
  const cliArgs = (args: readonly string[]) => [...args, "--stack", stack.name, "--non-interactive"];
  return {
    stack,
    workDir,
    stateDir,
    rootDir,
    env,
    pulumi: async (args) => {
      const options = { cwd: workDir, env, maxBuffer: 64 * 1024 * 1024 };
      return (await promisify(execFile)(path.join(bin, "pulumi"), cliArgs(args), options)).stdout;
    },
    start: (args) => spawn(path.join(bin, "pulumi"), cliArgs(args), { cwd: workDir, env, detached: true }),
    dispose: () => rm(rootDir, { recursive: true, force: true }),
  };
}
