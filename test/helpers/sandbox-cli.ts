import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";

/** Tests run from the project root, against the built CLI, as `npm run sandbox` runs it. */
export const SANDBOX_CLI = resolve("dist/sandbox/cli.js");

export interface RunningCli {
  readonly child: ChildProcess;
  /** The `export NAME=value` lines it printed, by name. */
  readonly exports: Record<string, string>;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

/** Starts the sandbox CLI and waits until it serves (it prints "Ctrl-C") or exits. Kill it in a teardown. */
export async function startSandboxCli(args: readonly string[]): Promise<RunningCli> {
  const child = spawn(process.execPath, [SANDBOX_CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const output = capture(child);
  await waitFor(() => output.stdout().includes("Ctrl-C") || child.exitCode !== null);
  const exported = Object.fromEntries(
    [...output.stdout().matchAll(/^export (\w+)=(.*)$/gm)].map((match) => [match[1] ?? "", match[2] ?? ""]),
  );
  return { child, exports: exported, ...output };
}

/**
 * Runs the sandbox CLI to its end. Asynchronous on purpose: a sandbox in the test's own process must keep serving
 * while the CLI talks to it.
 */
export function runSandboxCli(
  args: readonly string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [SANDBOX_CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const output = capture(child);
  return new Promise((done) => {
    child.on("close", (status) => done({ status, stdout: output.stdout(), stderr: output.stderr() }));
  });
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error("timed out waiting for the sandbox CLI");
    }
    await new Promise((done) => setTimeout(done, 20));
  }
}

function capture(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return { stdout: () => stdout, stderr: () => stderr };
}
