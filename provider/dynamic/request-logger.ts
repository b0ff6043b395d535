import type { RequestLogEntry } from "../client/instances-client.js";

/**
 * Debug mode prints one line per request to the provider's stderr, which Pulumi's logs carry. It is on with
 * `AMPLIFY_DEBUG=1`, and with Pulumi's own verbose logging (`pulumi up -v=N --logtostderr`): the engine starts the
 * provider plugin with the same `-v=N` flag. Entries hold no headers and no bodies, so there is nothing secret to
 * print.
 */
export function debugRequestLogger(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv,
): ((entry: RequestLogEntry) => void) | undefined {
  const requested = ["1", "true", "yes"].includes((env.AMPLIFY_DEBUG ?? "").toLowerCase());
  const verbose = argv.some((arg) => /^--?v=[1-9]\d*$/.test(arg));
  if (!requested && !verbose) {
    return undefined;
  }
  return (entry) => {
    const parts = [
      `amplify: ${entry.method} ${entry.path}`,
      entry.status === 0 ? `no answer (${entry.errorCode ?? "unknown"})` : `${entry.status}`,
      `${entry.durationMs}ms`,
      `retries=${entry.retries}`,
      `requestId=${entry.requestId ?? "-"}`,
      `op="${entry.operation}"`,
    ];
    process.stderr.write(`${parts.join(" ")}\n`);
  };
}
