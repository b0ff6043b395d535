import { spawn } from "node:child_process";
import { redact, registerSecrets } from "../provider/client/redact.js";

/** A secret to put into stack config. */
export interface StackSecret {
  /** The config key as `pulumi config set` takes it: `boxAuthCode` (project namespace) or `ns:key`. */
  readonly key: string;
  /** Secret. Never printed, never on a command line. */
  readonly value: string;
  /** The stack, or `undefined` for the currently selected one. */
  readonly stack: string | undefined;
  /** The Pulumi project folder. */
  readonly cwd: string;
}

export interface PulumiConfigOptions {
  /** The `pulumi` executable. Default: `pulumi` from PATH. */
  readonly pulumiCommand?: string;
  /** The CLI's environment (backend, passphrase, PULUMI_HOME). Default: this process's. */
  readonly env?: NodeJS.ProcessEnv;
  /** Default 60 s: a first run may have to unlock a secrets provider. */
  readonly timeoutMs?: number;
}

/**
 * Stores a secret with `pulumi config set --secret <key> [--stack <stack>]`, run in the project folder, the value
 * given on stdin (the CLI reads stdin when the value is left off), so that it never shows in a process list or a
 * shell history. The CLI's output is not passed on; on failure its stderr is, redacted.
 */
export function storeStackSecret(secret: StackSecret, options: PulumiConfigOptions = {}): Promise<void> {
  registerSecrets(secret.value);
  const args = [
    "config",
    "set",
    "--secret",
    "--non-interactive",
    ...(secret.stack === undefined ? [] : ["--stack", secret.stack]),
    "--",
    secret.key,
  ];
  const command = options.pulumiCommand ?? "pulumi";
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: secret.cwd,
      env: options.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 60_000,
    });
    let stderr = "";
    child.stdout.resume();
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === "ENOENT"
            ? `the Pulumi CLI (${command}) was not found on PATH`
            : `could not run ${command}: ${redact(error.message)}`,
        ),
      );
    });
    child.on("close", (code, signal) => {
      if (code === 0) {
        resolve();
        return;
      }
      const detail = scrub(stderr, secret.value) || (signal === null ? `exit status ${code}` : `killed by ${signal}`);
      reject(new Error(`pulumi config set failed: ${detail}`));
    });
    child.stdin.on("error", () => {
      // The CLI may exit before reading stdin (a wrong stack): its exit status tells what happened.
    });
    child.stdin.end(secret.value);
  });
}

/** The last lines of the CLI's stderr, without the secret even if it was somehow echoed. */
function scrub(text: string, secret: string): string {
  return redact(text.split(secret).join("[redacted]")).trim().split("\n").slice(-5).join(" ");
}
