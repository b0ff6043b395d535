import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import test, { type ExecutionContext } from "ava";
import ts from "typescript";
import { loadDesiredState } from "../../desired-state/load-desired-state.js";
import type { SandboxOptions } from "../../sandbox/index.js";
import { consoleMadeOrganization, importFrom, ORG_SECRETS } from "../helpers/import-org.js";
import { callAdmin, withSandbox } from "../helpers/sandbox-http.js";

async function tempFolder(t: ExecutionContext): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "amplify-import-"));
  t.teardown(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

async function organization(t: ExecutionContext, options?: SandboxOptions) {
  const sandbox = await withSandbox(t, options);
  const org = await consoleMadeOrganization(t, sandbox);
  return { sandbox, org, folder: await tempFolder(t) };
}

/** Every secret the organization and the account hold, with the instance tokens. */
function secretsOf(sandbox: Awaited<ReturnType<typeof withSandbox>>) {
  return [
    ORG_SECRETS.apiSecret,
    ORG_SECRETS.signatureKey,
    sandbox.userSecret,
    sandbox.organizationSecret,
    ...sandbox.instances().map((instance) => instance.token),
  ];
}

test("the organization's Box instances become adopt entries that load; others are skipped with the reason", async (t) => {
  const { sandbox, org, folder } = await organization(t);
  sandbox.clearRequests();
  const run = await importFrom(sandbox, ["--out", "instances.yaml", "--api-key", "docs-box-app"], folder);
  t.is(run.status, 0, run.stderr);
  const text = await readFile(path.join(folder, "instances.yaml"), "utf8");
  const loaded = loadDesiredState(text, "instances.yaml", { env: {} });
  if (!loaded.ok) {
    t.fail(JSON.stringify(loaded.problems));
    return;
  }
  const [production, staging, ...rest] = loaded.state.instances;
  t.deepEqual(rest, []);
  t.like(production, {
    logicalName: "box-production",
    adopt: String(org.production.id),
    name: "Box (production)",
    tags: ["prod", "team-docs"],
    oauth: {
      apiKey: "docs-box-app",
      apiSecret: { kind: "config", key: "boxClientSecret" },
      callbackUrl: "https://docs.example.com/oauth/box",
    },
    events: {
      enabled: true,
      callbackUrl: "https://docs.example.com/hooks/box",
      signatureKey: { kind: "config", key: "boxWebhookKeyBoxProduction" },
    },
    configuration: { "filter.response.nulls": false },
  });
  t.like(staging, {
    logicalName: "box-staging",
    adopt: String(org.staging.id),
    tags: ["staging"],
    events: { enabled: false },
    oauth: { apiSecret: { key: "boxClientSecret" } },
  });
  t.is(staging?.configuration, undefined, "the platform's own keys are left out");
  t.regex(
    run.stderr,
    new RegExp(`skipped ${org.managed.id} "Box managed elsewhere": managed by another stack, billing/prod`),
  );
  t.regex(
    run.stderr,
    new RegExp(`skipped ${org.dropbox.id} "Dropbox \\(finance\\)": not a Box instance \\(element dropbox\\)`),
  );
  t.regex(run.stderr, /pulumi config set --secret boxClientSecret <the Client Secret of the Box app docs-box-app>/);
  t.regex(run.stderr, /pulumi config set --secret boxWebhookKeyBoxProduction </);
  t.regex(text, /^# {3}pulumi config set --secret boxClientSecret /m, "the file says which secrets to set");
  for (const secret of secretsOf(sandbox)) {
    t.false(`${text}${run.stdout}${run.stderr}`.includes(secret), "no secret is written or printed");
  }
  t.deepEqual(
    sandbox.requests.filter((request) => request.method !== "GET"),
    [],
    "an import only reads",
  );
});

test("every page of the listing is read", async (t) => {
  const sandbox = await withSandbox(t, { masking: "secrets" });
  for (let n = 0; n < 205; n += 1) {
    await callAdmin(sandbox, "POST", "/instances", { element: "slack", name: `Slack ${n}` });
  }
  await consoleMadeOrganization(t, sandbox);
  const run = await importFrom(sandbox, [], await tempFolder(t));
  t.is(run.status, 0, run.stderr);
  t.regex(run.stdout, /adopt: "100207"/, "the Box instances after the first page are found");
  t.true(sandbox.requests.some((request) => request.query.nextPage !== undefined));
});

test("--tag and --name choose the instances; a filter that matches nothing writes nothing and fails", async (t) => {
  const { sandbox, org, folder } = await organization(t, { masking: "secrets" });
  const byTag = await importFrom(sandbox, ["--tag", "prod"], folder);
  t.is(byTag.status, 0, byTag.stderr);
  t.regex(byTag.stdout, new RegExp(`adopt: "${org.production.id}"`));
  t.notRegex(byTag.stdout, new RegExp(`adopt: "${org.staging.id}"`));
  const byName = await importFrom(sandbox, ["--name", "box s*"], folder);
  t.regex(byName.stdout, /box-staging:/);
  t.notRegex(byName.stdout, /box-production:/);

  const none = await importFrom(sandbox, ["--name", "nothing*", "--out", "x.yaml"], folder);
  t.is(none.status, 1);
  t.is(none.stderr.trim().split("\n").at(-1), 'error: no instance matches --name "nothing*" (AMPLIFY listed 4)');
  await t.throwsAsync(readFile(path.join(folder, "x.yaml")), { code: "ENOENT" });
});

test("a platform that answers the client id in clear needs no --api-key, and secrets in clear are not written", async (t) => {
  const { sandbox, folder } = await organization(t, { masking: "none", platformKeys: "hidden", tagShape: "strings" });
  const run = await importFrom(sandbox, [], folder);
  t.is(run.status, 0, run.stderr);
  t.regex(run.stdout, /apiKey: docs-box-app/);
  t.notRegex(run.stdout, /--api-key/);
  for (const secret of secretsOf(sandbox)) {
    t.false(`${run.stdout}${run.stderr}`.includes(secret));
  }
});

test("bad input gets one line and a non-zero exit, and writes nothing", async (t) => {
  const { sandbox, folder } = await organization(t);
  const out = ["--out", "instances.yaml", "--api-key", "docs-box-app"];
  const lastLine = (text: string) => text.trim().split("\n").at(-1) ?? "";

  const masked = await importFrom(sandbox, ["--out", "instances.yaml"], folder);
  t.is(masked.status, 1);
  t.regex(
    lastLine(masked.stderr),
    /^error: AMPLIFY masks the Box client id of 2 instance\(s\) \(.*\): give it with --api-key/,
  );

  const wrong = await importFrom(sandbox, out, folder, { AMPLIFY_USER_SECRET: "not-the-secret" });
  t.is(wrong.status, 1);
  t.regex(lastLine(wrong.stderr), /^error: list instances failed: GET \/instances answered 401/);
  t.false(wrong.stderr.includes("not-the-secret"));

  const unreachable = await importFrom(sandbox, out, folder, {
    AMPLIFY_BASE_URL: "http://127.0.0.1:9/elements/api-v2",
    AMPLIFY_MAX_RETRIES: "0",
  });
  t.is(unreachable.status, 1);
  t.regex(lastLine(unreachable.stderr), /^error: list instances failed: .*ECONNREFUSED/);

  const noCredentials = await importFrom(sandbox, out, folder, { AMPLIFY_ORGANIZATION_SECRET: "" });
  t.is(noCredentials.status, 1);
  t.regex(lastLine(noCredentials.stderr), /^error: AMPLIFY credentials are missing: set amplify:organizationSecret/);
  await t.throwsAsync(readFile(path.join(folder, "instances.yaml")), { code: "ENOENT" });

  await writeFile(path.join(folder, "instances.yaml"), "instances: {}\n");
  sandbox.clearRequests();
  const exists = await importFrom(sandbox, out, folder);
  t.is(exists.status, 1);
  t.is(
    lastLine(exists.stderr),
    "error: instances.yaml exists: give --merge instances.yaml to add to it, or another --out",
  );
  t.deepEqual(sandbox.requests, [], "refused before any call to AMPLIFY");
  t.is(await readFile(path.join(folder, "instances.yaml"), "utf8"), "instances: {}\n");

  const missing = await importFrom(sandbox, ["--merge", "absent.yaml", "--api-key", "x"], folder);
  t.is(lastLine(missing.stderr), "error: absent.yaml does not exist: give --out absent.yaml to write a new file");
});

const EXISTING = `# Our Box instances. Reviewed by the platform team.
version: 1

defaults:
  oauth: { apiKey: docs-box-app, apiSecret: { secret: boxClientSecret }, callbackUrl: https://docs.example.com/oauth/box }

instances:
    # made by this file, not by the console
    box-archive:   # keep this comment
        authorization: { code: { secret: boxAuthCodeArchive } }

# trailing notes stay where they are
`;

test("--merge appends to an existing file and keeps every byte of it; a second run adds nothing", async (t) => {
  const { sandbox, org, folder } = await organization(t);
  const file = path.join(folder, "instances.yaml");
  await writeFile(file, EXISTING);
  const first = await importFrom(sandbox, ["--merge", "instances.yaml", "--api-key", "docs-box-app"], folder);
  t.is(first.status, 0, first.stderr);
  const merged = await readFile(file, "utf8");
  const [head, tail] = EXISTING.split("# trailing notes");
  t.true(merged.startsWith(head as string), "what came before the new entries is unchanged");
  t.true(merged.endsWith(`# trailing notes${tail}`), "and so is what came after");
  t.regex(merged, /\n {4}box-production:\n {8}adopt: "\d+"/, "new entries are indented like the file's");
  const loaded = loadDesiredState(merged, "instances.yaml", { env: {} });
  t.true(loaded.ok);
  t.deepEqual(loaded.ok ? loaded.state.instances.map((instance) => instance.logicalName) : [], [
    "box-archive",
    "box-production",
    "box-staging",
  ]);

  const second = await importFrom(sandbox, ["--merge", "instances.yaml", "--api-key", "docs-box-app"], folder);
  t.is(second.status, 0);
  t.regex(
    second.stderr,
    new RegExp(`skipped ${org.production.id} "Box \\(production\\)": already in the file as box-production`),
  );
  t.regex(second.stderr, /Nothing to import/);
  t.is(await readFile(file, "utf8"), merged);
});

test("a file with CRLF line ends keeps them, in what was there and in what is added", async (t) => {
  const { sandbox, folder } = await organization(t, { masking: "secrets" });
  const file = path.join(folder, "instances.yaml");
  const existing = EXISTING.replaceAll("\n", "\r\n");
  await writeFile(file, existing);
  const run = await importFrom(sandbox, ["--merge", "instances.yaml"], folder);
  t.is(run.status, 0, run.stderr);
  const merged = await readFile(file, "utf8");
  t.true(merged.startsWith(existing.split("# trailing notes")[0] as string));
  t.false(/[^\r]\n/.test(merged), "every line ends in CRLF");
});

test("what the file's defaults would add is said before anything changes", async (t) => {
  const { sandbox, folder } = await organization(t, { masking: "secrets" });
  await writeFile(path.join(folder, "instances.yaml"), "defaults:\n  tags: [managed-by-pulumi]\ninstances: {}\n");
  const run = await importFrom(sandbox, ["--merge", "instances.yaml"], folder);
  t.is(run.status, 0, run.stderr);
  t.regex(run.stderr, /note: pulumi up will change box-production: tags: the file's defaults add managed-by-pulumi/);
});

test("the TypeScript output declares BoxConnectorInstance with adoptInstanceId, and type-checks", async (t) => {
  const { sandbox, org, folder } = await organization(t, { masking: "secrets" });
  const run = await importFrom(sandbox, ["--format", "typescript", "--out", "index.ts"], folder);
  t.is(run.status, 0, run.stderr);
  const code = await readFile(path.join(folder, "index.ts"), "utf8");
  t.regex(
    code,
    new RegExp(
      `export const boxProduction = new BoxConnectorInstance\\("box-production", \\{\\n  adoptInstanceId: "${org.production.id}",`,
    ),
  );
  t.regex(code, /apiSecret: config\.requireSecret\("boxClientSecret"\)/);
  await symlink(path.resolve("node_modules"), path.join(folder, "node_modules"));
  const program = ts.createProgram([path.join(folder, "index.ts")], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
  });
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  t.deepEqual(diagnostics, []);
});
