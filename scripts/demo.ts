/**
 * The main job: `npm run demo`. Starts the local AMPLIFY sandbox, runs `pulumi up` of the root program on the
 * demo desired state (instances.yaml) with the real Pulumi CLI and a file backend in a temporary folder, prints
 * the stack outputs (tokens masked) and what the sandbox now holds, then destroys everything.
 * `--keep` leaves the sandbox running and the stack in place, and prints how to reach both.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { isScalar, parseDocument, visit } from "yaml";
import { describePlatformVariant, startSandbox } from "../sandbox/index.js";
import { createLocalStack, LOCAL_PASSPHRASE } from "./local-stack.js";
import { REPO_ROOT } from "./pulumi-cli.js";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { keep: { type: "boolean", default: false }, file: { type: "string", default: "instances.yaml" } },
  });
  const desiredStateFile = path.resolve(REPO_ROOT, values.file ?? "instances.yaml");
  const desiredState = await readFile(desiredStateFile, "utf8");

  const sandbox = await startSandbox();
  step(`sandbox listening at ${sandbox.baseUrl}`);
  step("preparing the Pulumi CLI and a local stack (the first run builds the CLI; later runs reuse it)");
  const local = await createLocalStack({
    main: "dist/program/index.js",
    files: { "instances.yaml": desiredState },
    config: {
      "amplify:baseUrl": { value: sandbox.baseUrl },
      "amplify:userSecret": { value: sandbox.userSecret, secret: true },
      "amplify:organizationSecret": { value: sandbox.organizationSecret, secret: true },
      // Every secret the file refers to gets a stand-in value: the sandbox accepts any grant code once.
      ...Object.fromEntries(
        secretConfigKeys(desiredState).map((key) => [key, { value: demoSecret(key), secret: true }]),
      ),
    },
  });
  let failed = false;
  try {
    step(`pulumi up (stack ${local.stack.name}, state in ${local.stateDir})`);
    const result = await local.stack.up({ onOutput: (text) => process.stdout.write(text), color: "never" });
    step(`update ${result.summary.result}: ${JSON.stringify(result.summary.resourceChanges ?? {})}`);

    step("pulumi preview --expect-no-changes (the drift check a CI pipeline runs):");
    sandbox.clearRequests();
    const check = await local.stack.preview({ expectNoChanges: true, color: "never" });
    step(
      `no changes: ${JSON.stringify(check.changeSummary)}, ${sandbox.requests.length} requests to AMPLIFY ` +
        `(the sandbox plays ${describePlatformVariant(sandbox.platform)})`,
    );

    step("stack outputs (secrets masked as Pulumi shows them):");
    const outputs = await local.stack.outputs();
    for (const [name, output] of Object.entries(outputs)) {
      process.stdout.write(
        `  ${name}: ${JSON.stringify(maskTokens(output.value))}${output.secret ? " (secret)" : ""}\n`,
      );
    }

    step("what the sandbox now holds (secrets as the platform masks them):");
    for (const instance of sandbox.instances()) {
      const events = instance.configuration["event.notification.enabled"] === "true";
      process.stdout.write(
        `  #${instance.id} "${instance.name}" tags=${JSON.stringify(instance.tags)} events=${events ? `on -> ${instance.configuration["event.notification.callback.url"]}` : "off"}\n`,
      );
    }

    if (values.keep) {
      step("kept. The sandbox runs until you press Ctrl-C; in another shell:");
      process.stdout.write(
        [
          `  export PULUMI_BACKEND_URL=file://${local.stateDir} PULUMI_CONFIG_PASSPHRASE=${LOCAL_PASSPHRASE}`,
          `  cd ${local.workDir} && pulumi stack output --show-secrets`,
          "",
        ].join("\n"),
      );
      await new Promise<void>((resolve) => process.once("SIGINT", resolve));
    } else {
      step("pulumi destroy");
      await local.stack.destroy({ onOutput: (text) => process.stdout.write(text), color: "never" });
      step(`sandbox holds ${sandbox.instances().length} instances after destroy`);
    }
  } catch (error) {
    failed = true;
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    if (!values.keep) {
      await local.stack.workspace.removeStack(local.stack.name).catch(() => undefined);
      await local.dispose();
    }
    await sandbox.close();
  }
  process.exitCode = failed ? 1 : 0;
}

/** The stack config keys of every `{ secret: <key> }` reference in the desired-state file. */
function secretConfigKeys(text: string): string[] {
  const keys = new Set<string>();
  visit(parseDocument(text), {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === "secret" && isScalar(pair.value)) {
        keys.add(String(pair.value.value));
      }
    },
  });
  return [...keys].map((key) => (key.includes(":") ? key : `amplify-box:${key}`));
}

function demoSecret(key: string): string {
  return `demo-${key.split(":").at(-1)}-${randomBytes(9).toString("base64url")}`;
}

function maskTokens(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(maskTokens);
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, key === "token" ? "[secret]" : maskTokens(inner)]),
    );
  }
  return value;
}

function step(text: string): void {
  process.stdout.write(`\n== ${text}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
