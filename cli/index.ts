#!/usr/bin/env node
import { authorize } from "./authorize.js";
/**
 * `pulumi-amplify-box`: the package's command line. One command for now, `authorize` (see authorize.ts).
 */
import { AUTHORIZE_USAGE, parseAuthorizeArguments } from "./authorize-arguments.js";
import { openInBrowser } from "./open-browser.js";

const USAGE = `Usage: pulumi-amplify-box <command> [options]

Commands:
  authorize    get a Box grant code through AMPLIFY and store it as a secret in stack config

Run \`pulumi-amplify-box authorize --help\` for its options.`;

async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command !== "authorize") {
    process.stderr.write(`Unknown command ${JSON.stringify(command)}.\n\n${USAGE}\n`);
    return 2;
  }
  let parsed: ReturnType<typeof parseAuthorizeArguments>;
  try {
    parsed = parseAuthorizeArguments(rest, process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${AUTHORIZE_USAGE}\n`);
    return 2;
  }
  if (parsed.kind === "help") {
    process.stdout.write(`${AUTHORIZE_USAGE}\n`);
    return 0;
  }
  const interrupt = new AbortController();
  process.once("SIGINT", () => interrupt.abort());
  try {
    await authorize({
      ...parsed.options,
      signal: interrupt.signal,
      ...(parsed.open ? { openUrl: openInBrowser } : {}),
    });
    return 0;
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
