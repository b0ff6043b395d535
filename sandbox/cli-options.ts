import { parseArgs } from "node:util";
import type { SandboxOptions } from "./options.js";
import {
  checkPlatformChoice,
  flagOf,
  PLATFORM_SWITCHES,
  PLATFORM_VARIANT_CHOICES,
} from "./platform/platform-variant.js";

/** One usage line per platform-version switch: `--tag-shape objects|strings   (default objects)`. */
const PLATFORM_USAGE = PLATFORM_SWITCHES.map((name) => {
  const [first, ...rest] = PLATFORM_VARIANT_CHOICES[name];
  return `  ${`${flagOf(name)} ${[first, ...rest].join("|")}`.padEnd(50)} (default ${first})`;
}).join("\n");

export const CLI_USAGE = `Usage: node dist/sandbox/cli.js [options]
       node dist/sandbox/cli.js event --instance ID --type CREATED [--base URL]   (see event --help)

Starts a local AMPLIFY /instances API for Box connector instances.

Options:
  --port N                    port to listen on (default: a free one)
  --host H                    interface to listen on (default 127.0.0.1)
  --latency MS                add MS milliseconds to every answer
  --user-secret S             the User secret clients must send (default: random)
  --organization-secret S     the Organization secret clients must send (default: random)
  -h, --help                  show this help

Platform versions (what differs between them; the defaults are the strictest documented, see sandbox/README.md):
${PLATFORM_USAGE}`;

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
      ...Object.fromEntries(PLATFORM_SWITCHES.map((name) => [flagOf(name).slice(2), { type: "string" as const }])),
      "user-secret": { type: "string" },
      "organization-secret": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    return { kind: "help" };
  }
  const options: SandboxOptions = {};
  for (const name of PLATFORM_SWITCHES) {
    const value = (values as Record<string, unknown>)[flagOf(name).slice(2)];
    if (typeof value === "string") {
      (options as Record<string, string>)[name] = checkPlatformChoice(name, value, flagOf(name));
    }
  }
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
