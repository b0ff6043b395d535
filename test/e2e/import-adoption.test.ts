import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import test from "ava";
import type { SandboxOptions } from "../../sandbox/index.js";
import type { LocalStack } from "../../scripts/local-stack.js";
import { REPO_ROOT } from "../../scripts/pulumi-cli.js";
import { e2eFixture, writesIn } from "../helpers/e2e-stack.js";
import { consoleMadeOrganization, ORG_SECRETS } from "../helpers/import-org.js";

/**
 * Brownfield, end to end: instances made in the console are imported with the package's CLI, run in the stack's
 * project folder (the AMPLIFY settings come from the stack's config, not the environment); the real engine then
 * adopts them with no write, and an edit of the file shows as exactly that edit.
 */

/** Runs the package's CLI in the stack's project folder, as a user there would, without AMPLIFY_* variables. */
function runCli(local: LocalStack, args: readonly string[]): Promise<{ status: number; stderr: string }> {
  const env = { ...local.env };
  for (const name of Object.keys(env).filter((key) => key.startsWith("AMPLIFY_"))) {
    delete env[name];
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, "dist", "cli", "index.js"), ...args],
      { cwd: local.workDir, env },
      (error, _stdout, stderr) => resolve({ status: error === null ? 0 : Number(error.code), stderr }),
    );
  });
}

/**
 * The resources an engine run plans to update, with the inputs that differ between state and program: what
 * `pulumi preview --diff` shows (the dynamic-provider host reports no property list of its own).
 */
function updates(events: readonly EngineEvent[]): Array<[string, string[]]> {
  return events.flatMap((event) => {
    const step = event.resourcePreEvent?.metadata;
    if (step?.op !== "update") {
      return [];
    }
    const olds = step.old?.inputs ?? {};
    const news = step.new?.inputs ?? {};
    const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].sort();
    const changed = keys.filter((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]));
    return [[step.urn.split("::").at(-1) ?? "", changed] as [string, string[]]];
  });
}

const PLATFORMS: ReadonlyArray<{ title: string; sandbox: SandboxOptions; importArgs: readonly string[] }> = [
  {
    title: "the strictest platform (client id and secrets masked)",
    sandbox: {},
    importArgs: ["--api-key", "docs-box-app"],
  },
  {
    title: "the 2017 platform (all in clear, only keys a client set, tags as strings)",
    sandbox: { masking: "none", platformKeys: "hidden", tagShape: "strings" },
    importArgs: [],
  },
];

for (const platform of PLATFORMS) {
  test(`import, then up adopts with 0 writes and preview shows exactly an edit: ${platform.title}`, async (t) => {
    const { sandbox, local, setSecrets } = await e2eFixture(t, { sandbox: platform.sandbox });
    const org = await consoleMadeOrganization(t, sandbox);
    const imported = await runCli(local, ["import", "--out", "instances.yaml", ...platform.importArgs]);
    t.is(imported.status, 0, imported.stderr);
    t.regex(imported.stderr, /settings from stack config of amplify-box\/dev/);
    await setSecrets({
      "amplify-box:boxClientSecret": ORG_SECRETS.apiSecret,
      "amplify-box:boxWebhookKeyBoxProduction": ORG_SECRETS.signatureKey,
    });

    sandbox.clearRequests();
    const up = await local.stack.up({ color: "never" });
    t.is(up.summary.resourceChanges?.create, 3, "the stack and the two adopted instances");
    t.deepEqual(writesIn(sandbox), [], "adopting instances that match writes nothing");
    t.deepEqual((await local.stack.outputs()).instanceIds?.value, {
      "box-production": String(org.production.id),
      "box-staging": String(org.staging.id),
    });
    const noop = await local.stack.preview({ color: "never" });
    t.deepEqual(noop.changeSummary, { same: 3 });

    const file = path.join(local.workDir, "instances.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace("tags: [staging]", "tags: [staging, reviewed]"));
    const events: EngineEvent[] = [];
    const preview = await local.stack.preview({ color: "never", onEvent: (event) => events.push(event) });
    t.deepEqual(preview.changeSummary, { same: 2, update: 1 });
    t.deepEqual(updates(events), [["box-staging", ["tags"]]]);

    sandbox.clearRequests();
    await local.stack.up({ color: "never" });
    t.deepEqual(
      writesIn(sandbox).map((request) => [request.method, request.path, request.body]),
      [
        [
          "PATCH",
          `/elements/api-v2/instances/${org.staging.id}`,
          { tags: ["staging", "reviewed", "pulumi:amplify-box/dev/box-staging", "pulumi:amplify-box/dev"] },
        ],
      ],
      "one PATCH of the edit, which carries the ownership tags along",
    );
    const state = await local.pulumi(["stack", "export"]);
    for (const secret of [ORG_SECRETS.apiSecret, ORG_SECRETS.signatureKey, sandbox.userSecret]) {
      t.false(state.includes(secret) || imported.stderr.includes(secret));
    }
  });
}
