import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import * as path from "node:path";
import { promisify } from "node:util";
import type { ConfigMap, LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import { type Sandbox, startSandbox } from "../../sandbox/index.js";
import { createLocalStack, type LocalStack } from "../../scripts/local-stack.js";

/**
 * A sandbox running with the given account secrets, and a local stack of `main` (real Pulumi CLI, file backend)
 * configured for it, with `env` for the CLI, its language host and the provider. Torn down with the test.
 */
export async function leakStack(
  t: { teardown: (fn: () => Promise<void>) => void },
  options: {
    readonly account: { userSecret: string; organizationSecret: string };
    readonly main: string;
    readonly config: ConfigMap;
    readonly env: Record<string, string>;
  },
): Promise<{ sandbox: Sandbox; local: LocalStack }> {
  const sandbox = await startSandbox(options.account);
  t.teardown(() => sandbox.close());
  const local = await createLocalStack({
    main: options.main,
    config: {
      "amplify:baseUrl": { value: sandbox.baseUrl },
      "amplify:userSecret": { value: options.account.userSecret, secret: true },
      "amplify:organizationSecret": { value: options.account.organizationSecret, secret: true },
      ...options.config,
    },
    env: options.env,
  });
  t.teardown(() => local.dispose());
  return { sandbox, local };
}

/**
 * The text of every file a stack wrote: state, backups, history, workspace settings and logs under `rootDir`. The
 * links to the repository's dist/ and node_modules/ are not followed.
 */
export async function filesOf(rootDir: string): Promise<Record<string, string>> {
  const entries = await readdir(rootDir, { recursive: true, withFileTypes: true });
  // From Node.js 24 on, a recursive readdir descends into symlinked folders: the program folder's links to the
  // repository's dist/ and node_modules/ are not the stack's files.
  const links = entries
    .filter((entry) => entry.isSymbolicLink())
    .map((entry) => path.join(entry.parentPath, entry.name));
  const files = entries.filter(
    (entry) => entry.isFile() && !links.some((link) => `${entry.parentPath}/`.startsWith(`${link}/`)),
  );
  const texts = await Promise.all(
    files.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [`file ${path.relative(rootDir, file)}`, await readFile(file, "utf8")] as const;
    }),
  );
  return Object.fromEntries(texts);
}

/**
 * `pulumi stack export` as a user runs it, secrets encrypted. (The Automation API's `exportStack()` adds
 * `--show-secrets`, so its text holds every secret in clear by design and proves nothing.)
 */
export async function exportAsUserSees(local: LocalStack): Promise<string> {
  const workspace = local.stack.workspace as LocalWorkspace;
  const { stdout } = await promisify(execFile)(
    workspace.pulumiCommand.command,
    ["stack", "export", "--stack", local.stack.name],
    {
      cwd: local.workDir,
      env: {
        ...process.env,
        ...workspace.envVars,
        ...(workspace.pulumiHome === undefined ? {} : { PULUMI_HOME: workspace.pulumiHome }),
      },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return stdout;
}
