#!/usr/bin/env node
import { formatAccessLogLine, formatEventLogLine } from "./access-log.js";
import { CLI_USAGE, parseCliArguments } from "./cli-options.js";
import { runEventCommand } from "./events/event-command.js";
import { PLATFORM_SWITCHES } from "./platform/platform-variant.js";
import { ADMIN_PATH, BASE_PATH } from "./protocol/base-path.js";
import { startSandbox } from "./start-sandbox.js";

/** The CLI keeps a bounded log: it may run for hours, and the log is only there for `GET /__sandbox/requests`. */
const CLI_REQUEST_LOG_LIMIT = 1000;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "::1", "localhost"]);

async function main(): Promise<void> {
  if (process.argv[2] === "event") {
    process.exitCode = await runEventCommand(process.argv.slice(3), {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      env: process.env,
    });
    return;
  }
  let request: ReturnType<typeof parseCliArguments>;
  try {
    request = parseCliArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${CLI_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (request.kind === "help") {
    process.stdout.write(`${CLI_USAGE}\n`);
    return;
  }

  const sandbox = await startSandbox({
    ...request.options,
    requestLogLimit: CLI_REQUEST_LOG_LIMIT,
    onRequestServed: (served, durationMs) => process.stderr.write(`${formatAccessLogLine(served, durationMs)}\n`),
    onEventAttempt: (delivery) => process.stderr.write(`${formatEventLogLine(delivery)}\n`),
  });
  const origin = sandbox.baseUrl.slice(0, -BASE_PATH.length);
  // Lines other than the exports start with "#", so the block can be pasted into a shell as it is.
  process.stdout.write(
    [
      `# AMPLIFY sandbox listening on ${sandbox.baseUrl}`,
      `# Platform version: ${PLATFORM_SWITCHES.map((name) => `${name}=${sandbox.platform[name]}`).join(" ")}`,
      "# Point the provider at it from another shell:",
      `export AMPLIFY_BASE_URL=${shellQuote(sandbox.baseUrl)}`,
      `export AMPLIFY_USER_SECRET=${shellQuote(sandbox.userSecret)}`,
      `export AMPLIFY_ORGANIZATION_SECRET=${shellQuote(sandbox.organizationSecret)}`,
      `# Faults, the store and the request log: ${origin}${ADMIN_PATH}`,
      "# Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
  const host = request.options.host ?? "127.0.0.1";
  if (!LOOPBACK_HOSTS.has(host)) {
    process.stderr.write(
      `warning: listening on ${host}: anyone who can reach it can read every stored secret through ${ADMIN_PATH}\n`,
    );
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C means "now".
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`# ${signal}: stopping the sandbox\n`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** Secrets given with --user-secret may hold characters a shell would interpret. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox failed to start: ${(error as Error).message ?? String(error)}\n`);
  process.exitCode = 1;
});
