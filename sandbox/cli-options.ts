import { parseArgs } from "node:util";
import type { SandboxOptions } from "./options.js";

export const CLI_USAGE = `Usage: node dist/sandbox/cli.js [options]
       node dist/sandbox/cli.js event --instance ID --type CREATED [--base URL]   (see event --help)

Starts a local AMPLIFY /instances API for Box connector instances.

Options:
  --port N                    port to listen on (default: a free one)
  --host H                    interface to listen on (default 127.0.0.1)
  --latency MS                add MS milliseconds to every answer
  --reject-duplicate-names    answer 409 to a create or rename onto an existing name
  --clear-secrets             return secret configuration values in clear instead of "********"
  --user-secret S             the User secret clients must send (default: random)
  --organization-secret S     the Organization secret clients must send (default: random)
  -h, --help                  show this help`;

/** What the command line asks for: start a sandbox with these options, or print the usage. */
export type CliRequest = { readonly kind: "start"; readonly options: SandboxOptions } | { readonly kind: "help" };

/** @throws TypeError with a message fit for the terminal when an option is unknown or malformed. */
export function parseCliArguments(args: readonly string[]): CliRequest {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      latency: { type: "string" },
      "reject-duplicate-names": { type: "boolean" },
      "clear-secrets": { type: "boolean" },
      "user-secret": { type: "string" },
      "organization-secret": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    return { kind: "help" };
  }
  const options: SandboxOptions = {
    rejectDuplicateNames: values["reject-duplicate-names"] === true,
    maskSecrets: values["clear-secrets"] !== true,
  };
  if (values.port !== undefined) {
    options.port = wholeNumber("--port", values.port);
  }
  if (values.latency !== undefined) {
    options.latencyMs = wholeNumber("--latency", values.latency);
  }
  if (values.host !== undefined) {
    options.host = values.host;
  }
  if (values["user-secret"] !== undefined) {
    options.userSecret = values["user-secret"];
  }
  if (values["organization-secret"] !== undefined) {
    options.organizationSecret = values["organization-secret"];
  }
  return { kind: "start", options };
}

function wholeNumber(flag: string, raw: string): number {
  if (!/^\d+$/.test(raw)) {
    throw new TypeError(`${flag} needs a whole number, not ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}
