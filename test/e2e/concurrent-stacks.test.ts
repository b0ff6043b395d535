import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import test, { type ExecutionContext } from "ava";
import { type Sandbox, startSandbox } from "../../sandbox/index.js";
import { createLocalStack, type LocalStack } from "../../scripts/local-stack.js";
import { REPO_ROOT } from "../../scripts/pulumi-cli.js";
import { secretValues } from "../helpers/box-inputs.js";

/**
 * Many pipelines, one organization: two projects (two teams' CI jobs) run `pulumi up` at the same time against one
 * AMPLIFY organization under one rate limit, with the real engine. Each must converge on its own instances only:
 * no duplicate, no lost update, no adoption of the other's, and destroying one leaves the other's untouched.
 */

const TEAMS = ["docs", "billing"] as const;
type Team = (typeof TEAMS)[number];
const LOGICAL = ["box-a", "box-b", "box-c"];
const secrets = secretValues("pipelines");

function desiredState(team: Team, options: { extraTag?: string; adopt?: number } = {}): string {
  return [
    "defaults:",
    "  oauth:",
    `    apiKey: ${team}-client-id`,
    "    apiSecret: { secret: boxClientSecret }",
    "    callbackUrl: https://app.example.com/oauth/box",
    `  tags: [${[team, ...(options.extraTag === undefined ? [] : [options.extraTag])].join(", ")}]`,
    "instances:",
    ...LOGICAL.flatMap((name) => [
      `  ${name}:`,
      `    name: ${team} ${name}`,
      `    authorization: { code: { secret: code-${name} } }`,
    ]),
    ...(options.adopt === undefined ? [] : ["  taken:", `    adopt: "${options.adopt}"`]),
    "",
  ].join("\n");
}

async function teamStack(t: ExecutionContext, sandbox: Sandbox, team: Team): Promise<LocalStack> {
  const local = await createLocalStack({
    main: "dist/program/index.js",
    projectName: `${team}-platform`,
    stackName: "prod",
    files: { "instances.yaml": desiredState(team) },
    config: {
      "amplify:baseUrl": { value: sandbox.baseUrl },
      "amplify:userSecret": { value: sandbox.userSecret, secret: true },
      "amplify:organizationSecret": { value: sandbox.organizationSecret, secret: true },
      [`${team}-platform:boxClientSecret`]: { value: secrets.apiSecret, secret: true },
      ...Object.fromEntries(
        LOGICAL.map((name) => [
          `${team}-platform:code-${name}`,
          { value: `${secrets.authorizationCode}-${team}-${name}`, secret: true },
        ]),
      ),
    },
  });
  t.teardown(() => local.dispose());
  return local;
}

const ownedBy = (sandbox: Sandbox, team: Team) =>
  sandbox.instances().filter((instance) => instance.tags.includes(`pulumi:${team}-platform/prod`));

test("two stacks converge at once under one rate limit, each on its own instances only", async (t) => {
  t.timeout(8 * 60 * 1000);
  const sandbox = await startSandbox();
  t.teardown(() => sandbox.close());
  sandbox.faults.rateLimit(4, 1);
  const [docs, billing] = (await Promise.all(TEAMS.map((team) => teamStack(t, sandbox, team)))) as [
    LocalStack,
    LocalStack,
  ];

  await Promise.all([docs.stack.up({ color: "never" }), billing.stack.up({ color: "never" })]);
  t.true(
    sandbox.requests.some((request) => request.status === 429),
    "the shared rate limit did refuse some calls",
  );
  t.is(sandbox.instances().length, 6, "no duplicate");
  for (const team of TEAMS) {
    const mine = ownedBy(sandbox, team);
    t.deepEqual(
      mine.map((instance) => instance.name).sort(),
      LOGICAL.map((name) => `${team} ${name}`),
    );
    t.true(
      mine.every(
        (instance) =>
          instance.tags.includes(team) && !instance.tags.includes(TEAMS.find((other) => other !== team) as string),
      ),
    );
  }

  // Both edit their files and apply at the same time: neither update is lost.
  await Promise.all([
    writeFile(path.join(docs.workDir, "instances.yaml"), desiredState("docs", { extraTag: "reviewed-docs" })),
    writeFile(path.join(billing.workDir, "instances.yaml"), desiredState("billing", { extraTag: "reviewed-billing" })),
  ]);
  await Promise.all([docs.stack.up({ color: "never" }), billing.stack.up({ color: "never" })]);
  for (const team of TEAMS) {
    t.true(ownedBy(sandbox, team).every((instance) => instance.tags.includes(`reviewed-${team}`)));
  }
  const [docsPreview, billingPreview] = await Promise.all([
    docs.stack.preview({ color: "never" }),
    billing.stack.preview({ color: "never" }),
  ]);
  t.deepEqual(docsPreview.changeSummary, { same: 4 });
  t.deepEqual(billingPreview.changeSummary, { same: 4 });

  // The billing team's import skips what the docs stack manages; an adopt of it is refused and changes nothing.
  const imported = await importIn(billing);
  t.is(imported.status, 0, imported.stderr);
  t.regex(imported.stderr, /skipped \d+ "docs box-a": managed by another stack, docs-platform\/prod/);
  const docsInstance = ownedBy(sandbox, "docs")[0];
  await writeFile(
    path.join(billing.workDir, "instances.yaml"),
    desiredState("billing", { extraTag: "reviewed-billing", adopt: docsInstance?.id ?? 0 }),
  );
  const refused = await t.throwsAsync(() => billing.stack.up({ color: "never" }));
  t.regex(refused?.message ?? "", /is managed by pulumi:docs-platform\/prod\/box-[abc], another Pulumi resource/);
  t.deepEqual(sandbox.instance(docsInstance?.id ?? 0), docsInstance, "the docs instance is untouched");
  await writeFile(
    path.join(billing.workDir, "instances.yaml"),
    desiredState("billing", { extraTag: "reviewed-billing" }),
  );

  // Destroying one stack leaves the other's instances exactly as they were.
  const docsBefore = ownedBy(sandbox, "docs");
  await billing.stack.destroy({ color: "never" });
  t.deepEqual(ownedBy(sandbox, "billing"), []);
  t.deepEqual(ownedBy(sandbox, "docs"), docsBefore);
  t.deepEqual((await docs.stack.preview({ color: "never" })).changeSummary, { same: 4 });
  await docs.stack.destroy({ color: "never" });
  t.deepEqual(sandbox.instances(), []);
});

/** `pulumi-amplify-box import` in a stack's project folder, printing to stdout. */
function importIn(local: LocalStack): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, "dist", "cli", "index.js"), "import", "--api-key", "any"],
      { cwd: local.workDir, env: local.env },
      (error, _stdout, stderr) => resolve({ status: error === null ? 0 : Number(error.code), stderr }),
    );
  });
}
