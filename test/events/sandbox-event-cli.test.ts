import { spawnSync } from "node:child_process";
import test from "ava";
import { captureReceiver } from "../helpers/capture-receiver.js";
import { eventsSetup, instanceWithEvents, SIGNATURE_KEY } from "../helpers/event-instances.js";
import { SANDBOX_CLI as CLI, runSandboxCli as run, startSandboxCli, waitFor } from "../helpers/sandbox-cli.js";
import { createInstance } from "../helpers/sandbox-http.js";

/** The sandbox's command line and events: the `event` command, and the access log of deliveries. */

test("the sandbox CLI's event command simulates a change on a running sandbox", async (t) => {
  const { sandbox, receiver, id } = await eventsSetup(t);
  const ok = await run([
    "event",
    "--base",
    sandbox.baseUrl,
    "--instance",
    String(id),
    "--type",
    "updated",
    "--object",
    "folder",
  ]);
  t.is(ok.status, 0, ok.stderr);
  t.regex(ok.stdout, /^900001 NOTIFIED 1 event\(s\) to http:\/\/127\.0\.0\.1:\d+\/hooks\/box: 200 \(signed\)$/m);
  t.like(receiver.requests[0]?.json.message.raw, { trigger: "FOLDER.RENAMED" });
  t.false(ok.stdout.includes(SIGNATURE_KEY));

  const quiet = await createInstance(t, sandbox);
  const none = await run(["event", "--base", sandbox.origin, "--instance", String(quiet.id), "--type", "CREATED"]);
  t.is(none.status, 1);
  t.regex(none.stdout, /nothing was delivered: events are disabled/);

  const usage = spawnSync(
    process.execPath,
    [CLI, "event", "--instance", "1", "--type", "MOVED", "--base", "http://x"],
    {
      encoding: "utf8",
    },
  );
  t.is(usage.status, 2);
  t.regex(usage.stderr, /--type must be one of CREATED, UPDATED, DELETED/);
});

test("the sandbox CLI logs one line per delivery attempt, without signature or query", async (t) => {
  const receiver = await captureReceiver(t, "/hooks/box?token=do-not-log");
  const cli = await startSandboxCli(["--port", "0"]);
  t.teardown(() => cli.child.kill("SIGKILL"));
  const sandbox = {
    baseUrl: cli.exports.AMPLIFY_BASE_URL ?? "",
    authorization: `User ${cli.exports.AMPLIFY_USER_SECRET}, Organization ${cli.exports.AMPLIFY_ORGANIZATION_SECRET}`,
  };
  const id = await instanceWithEvents(t, sandbox, receiver.url);
  const origin = new URL(sandbox.baseUrl).origin;
  const answer = await fetch(`${origin}/__sandbox/instances/${id}/events`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ objectType: "file", eventType: "CREATED" }),
  });
  t.is(answer.status, 200);
  await waitFor(() => cli.stderr().includes("EVENT "));
  const stderr = cli.stderr();
  t.regex(stderr, /^EVENT 900001 attempt 1 -> http:\/\/127\.0\.0\.1:\d+\/hooks\/box 200 NOTIFIED$/m);
  t.false(stderr.includes("do-not-log"));
  t.false(stderr.includes(SIGNATURE_KEY));
  t.false(stderr.includes("sha256="));
});
