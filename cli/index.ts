#!/usr/bin/env node
/**
 * `pulumi-amplify-box`: the package's command line. `authorize` gets a Box grant code into stack config
 * (authorize.ts); `import` writes desired-state entries for instances that already exist (import/).
 */
import { authorize } from "./authorize.js";
import { AUTHORIZE_USAGE, parseAuthorizeArguments } from "./authorize-arguments.js";
import { IMPORT_USAGE, parseImportArguments } from "./import/import-arguments.js";
import { runImport } from "./import/import-command.js";
import { openInBrowser } from "./open-browser.js";

const USAGE = `Usage: pulumi-amplify-box <command> [options]

Commands:
  authorize    get a Box grant code through AMPLIFY and store it as a secret in stack config
  import       write desired-state entries (or TypeScript) that adopt the organization's existing Box instances

Run \`pulumi-amplify-box <command> --help\` for its options.`;

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
  if (command === "authorize") {
    return authorizeCommand(rest);
  }
  if (command === "import") {
    return importCommand(rest);
  }
  process.stderr.write(`Unknown command ${JSON.stringify(command)}.\n\n${USAGE}\n`);
  return 2;
}

async function importCommand(args: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parseImportArguments>;
  try {
    parsed = parseImportArguments(args);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${IMPORT_USAGE}\n`);
    return 2;
  }
  if (parsed.kind === "help") {
    process.stdout.write(`${IMPORT_USAGE}\n`);
    return 0;
  }
  return runImport(parsed.options, {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

async function authorizeCommand(args: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parseAuthorizeArguments>;
  try {
    parsed = parseAuthorizeArguments(args, process.env);
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
