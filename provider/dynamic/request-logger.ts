import type { RequestLogEntry } from "../client/instances-client.js";

/**
 * Debug mode: `AMPLIFY_DEBUG=1` (or Pulumi's own `--debug`/`-v` verbose logging, which sets `PULUMI_DEBUG` style
 * flags in the plugin's environment) prints one line per request to the provider's stderr, which Pulumi shows in
 * its diagnostics. Entries hold no headers and no bodies, so there is nothing secret to print.
 */
export function debugRequestLogger(
  env: NodeJS.ProcessEnv = process.env,
): ((entry: RequestLogEntry) => void) | undefined {
  const enabled = ["1", "true", "yes"].includes((env.AMPLIFY_DEBUG ?? "").toLowerCase());
  if (!enabled) {
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
