import { spawnSync } from "node:child_process";
import { once } from "node:events";
import test from "ava";
import { SANDBOX_CLI as CLI, startSandboxCli as startCli, waitFor } from "../helpers/sandbox-cli.js";
import { boxCreateBody } from "../helpers/sandbox-http.js";

test("the CLI prints shell exports that work, logs each request without secrets, and stops on SIGINT", async (t) => {
  const cli = await startCli(["--port", "0", "--user-secret", "cli-user-secret"]);
  t.teardown(() => cli.child.kill("SIGKILL"));
  const {
    AMPLIFY_BASE_URL: baseUrl,
    AMPLIFY_USER_SECRET: user,
    AMPLIFY_ORGANIZATION_SECRET: organization,
  } = cli.exports;
  t.regex(baseUrl ?? "", /^http:\/\/127\.0\.0\.1:\d+\/elements\/api-v2$/);
  t.is(user, "cli-user-secret");
  t.regex(organization ?? "", /^sandbox-organization-[0-9a-f]{16}$/);
  t.true(
    cli
      .stdout()
      .split("\n")
      .every((line) => line === "" || line.startsWith("#") || line.startsWith("export ")),
    "stdout can be pasted into a shell",
  );

  const body = boxCreateBody();
  const response = await fetch(`${baseUrl}/instances`, {
    method: "POST",
    headers: { authorization: `User ${user}, Organization ${organization}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  t.is(response.status, 200);
  await waitFor(() => cli.stderr().includes("POST /elements/api-v2/instances 200"));
  const code = (body.providerData as { code: string }).code;
  for (const secret of [user ?? "", organization ?? "", "box-client-secret-value", code]) {
    t.false(cli.stderr().includes(secret), "no secret in the access log");
  }

  const exited = once(cli.child, "exit");
  cli.child.kill("SIGINT");
  const [exitCode] = await exited;
  t.is(exitCode, 0);
  await t.throwsAsync(fetch(`${baseUrl}/instances`));
});

test("the CLI prints its usage with --help and refuses an unknown option", (t) => {
  const help = spawnSync(process.execPath, [CLI, "--help"], { encoding: "utf8" });
  t.is(help.status, 0);
  for (const flag of [
    "--masking",
    "--tag-shape",
    "--platform-keys",
    "--token-on-reauthentication",
    "--put-omitted-keys",
    "--duplicate-names",
  ]) {
    t.true(help.stdout.includes(flag), `${flag} in the usage`);
  }
  t.regex(help.stdout, /--masking client-id-and-secrets\|secrets\|none +\(default client-id-and-secrets\)/);

  const wrong = spawnSync(process.execPath, [CLI, "--colour"], { encoding: "utf8" });
  t.is(wrong.status, 2);
  t.regex(wrong.stderr, /--colour/);
});

test("the CLI fails with a clear message when the port is taken", async (t) => {
  const first = await startCli(["--port", "0"]);
  t.teardown(() => first.child.kill("SIGKILL"));
  const port = new URL(first.exports.AMPLIFY_BASE_URL ?? "").port;

  const second = spawnSync(process.execPath, [CLI, "--port", port], { encoding: "utf8", timeout: 5000 });
  t.is(second.status, 1);
  t.regex(second.stderr, /EADDRINUSE/);
});
