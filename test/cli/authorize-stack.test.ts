import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import type { LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import test, { type ExecutionContext } from "ava";
import type { Sandbox } from "../../sandbox/index.js";
import { createLocalStack, type LocalStack } from "../../scripts/local-stack.js";
import { boxCreateBody, call, withSandbox } from "../helpers/sandbox-http.js";

/**
 * `pulumi-amplify-box authorize` as users run it: the built CLI (dist/cli/index.js) against the sandbox, the test
 * acting as the browser, the code stored by the real Pulumi CLI into a local stack on a file backend.
 */

const CLI = path.resolve("dist/cli/index.js");
const BOX_SECRET = "box-client-secret-Ew5tYu8iOp2a";

interface Run {
  readonly status: number | null;
  readonly output: string;
}

async function fixture(t: ExecutionContext): Promise<{ sandbox: Sandbox; local: LocalStack; env: NodeJS.ProcessEnv }> {
  const sandbox = await withSandbox(t);
  const local = await createLocalStack({ main: "dist/program/index.js" });
  t.teardown(() => local.dispose());
  const workspace = local.stack.workspace as LocalWorkspace;
  const env = {
    ...process.env,
    ...workspace.envVars,
    PULUMI_HOME: workspace.pulumiHome ?? path.join(local.rootDir, "pulumi-home"),
    AMPLIFY_USER_SECRET: sandbox.userSecret,
    AMPLIFY_ORGANIZATION_SECRET: sandbox.organizationSecret,
    MY_BOX_SECRET: BOX_SECRET,
  };
  return { sandbox, local, env };
}

/** Runs the CLI; once it prints the authorization URL, `browse` plays the browser. */
function runAuthorize(
  args: string[],
  env: NodeJS.ProcessEnv,
  browse: (url: string) => Promise<unknown> = (url) => fetch(url).then((response) => response.text()),
): Promise<Run> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(process.execPath, [CLI, "authorize", ...args], { env });
    let output = "";
    let browsing = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const url = /(http:\/\/\S+\/__sandbox\/box\/authorize\?\S+)/.exec(output)?.[1];
      if (url !== undefined && !browsing) {
        browsing = true;
        browse(url).catch(() => undefined);
      }
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.on("close", (status) => resolve({ status, output }));
  });
}

const argsFor = (sandbox: Sandbox, local: LocalStack, extra: string[] = []) => [
  "--api-key",
  "box-client-id",
  "--api-secret-env",
  "MY_BOX_SECRET",
  "--stack",
  "dev",
  "--cwd",
  local.workDir,
  "--callback-port",
  "0",
  "--base-url",
  sandbox.baseUrl,
  "--timeout",
  "30",
  ...extra,
];

test("authorize stores the grant code as a secret in the stack's config, and no output shows it", async (t) => {
  const { sandbox, local, env } = await fixture(t);
  const run = await runAuthorize(argsFor(sandbox, local), env);
  t.is(run.status, 0, run.output);
  const [code] = sandbox.authorize.issuedCodes;
  t.truthy(code);

  const stored = await local.stack.getConfig("boxAuthCode");
  t.deepEqual(stored, { value: code, secret: true });
  t.deepEqual(Object.keys(await local.stack.getAllConfig()), ["amplify-box:boxAuthCode"]);
  const file = await readFile(path.join(local.workDir, "Pulumi.dev.yaml"), "utf8");
  t.regex(file, /amplify-box:boxAuthCode:\s+secure: v1:/);
  t.false(file.includes(code ?? "-"), "encrypted at rest");
  for (const secret of [code ?? "-", BOX_SECRET, sandbox.userSecret, sandbox.organizationSecret]) {
    t.false(run.output.includes(secret), "no secret in the CLI's output");
  }
  t.regex(run.output, /Stored the grant code as the secret boxAuthCode of stack dev/);

  const created = await call(sandbox, "POST", "/instances", boxCreateBody({ providerData: { code } }));
  t.is(created.status, 200, "the stored code provisions an instance");
});

test("a namespaced --config-key is stored under that namespace", async (t) => {
  const { sandbox, local, env } = await fixture(t);
  const run = await runAuthorize(argsFor(sandbox, local, ["--config-key", "box:grantCode"]), env);
  t.is(run.status, 0, run.output);
  t.deepEqual(Object.keys(await local.stack.getAllConfig()), ["box:grantCode"]);
  t.true((await local.stack.getAllConfig())["box:grantCode"]?.secret);
});

test("an error redirect and a state mismatch fail with clear messages and store nothing", async (t) => {
  const { sandbox, local, env } = await fixture(t);
  sandbox.authorize.next("deny");
  const denied = await runAuthorize(argsFor(sandbox, local), env);
  t.is(denied.status, 1);
  t.regex(denied.output, /error: Box did not grant access: access_denied \(.+\)\. Nothing was stored\./);

  sandbox.authorize.next("wrongState");
  const forged = await runAuthorize(argsFor(sandbox, local), env);
  t.is(forged.status, 1);
  t.regex(forged.output, /error: The redirect's state does not match the one this command sent/);
  t.false(forged.output.includes(sandbox.authorize.issuedCodes[0] ?? "-"));
  t.deepEqual(await local.stack.getAllConfig(), {});
});

test("storing into a stack that does not exist fails without echoing the code", async (t) => {
  const { sandbox, local, env } = await fixture(t);
  const run = await runAuthorize(
    argsFor(sandbox, local).map((arg) => (arg === "dev" ? "nope" : arg)),
    env,
  );
  t.is(run.status, 1);
  t.regex(run.output, /storing it as boxAuthCode of stack nope failed: pulumi config set failed: .*nope/);
  t.false(run.output.includes(sandbox.authorize.issuedCodes[0] ?? "-"));
});

test("the CLI takes no secret on the command line and names what is missing", async (t) => {
  const run = await runAuthorize(["--api-key", "x"], { PATH: process.env.PATH ?? "" });
  t.is(run.status, 2);
  t.regex(run.output, /set BOX_CLIENT_SECRET to the Box client secret/);
  t.regex(run.output, /set AMPLIFY_USER_SECRET/);
  t.regex(run.output, /set AMPLIFY_ORGANIZATION_SECRET/);
  const secretFlag = await runAuthorize(["--api-secret", "shh"], { PATH: process.env.PATH ?? "" });
  t.is(secretFlag.status, 2);
  t.regex(secretFlag.output, /Unknown option '--api-secret'/);
});
