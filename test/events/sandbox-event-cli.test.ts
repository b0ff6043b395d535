import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import test from "ava";
import { captureReceiver } from "../helpers/capture-receiver.js";
import { eventsSetup, instanceWithEvents, SIGNATURE_KEY } from "../helpers/event-instances.js";
import { createInstance } from "../helpers/sandbox-http.js";

/** The sandbox's command line and events: the `event` command, and the access log of deliveries. */

const CLI = resolve("dist/sandbox/cli.js");

test("the sandbox CLI's event command simulates a change on a running sandbox", async (t) => {
  const { sandbox, receiver, id } = await eventsSetup(t);
  const run = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
      // Async spawn: the in-process sandbox must keep serving while the CLI waits for it.
      const child = spawn(process.execPath, [CLI, ...args]);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk;
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk;
      });
      child.on("close", (status) => done({ status, stdout, stderr }));
    });
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
  const child = spawn(process.execPath, [CLI, "--port", "0"]);
  t.teardown(() => child.kill("SIGKILL"));
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk;
  });
  await until(() => stdout.includes("Ctrl-C"));
  const exported = (name: string) => new RegExp(`^export ${name}=(.*)$`, "m").exec(stdout)?.[1] ?? "";
  const sandbox = {
    baseUrl: exported("AMPLIFY_BASE_URL"),
    authorization: `User ${exported("AMPLIFY_USER_SECRET")}, Organization ${exported("AMPLIFY_ORGANIZATION_SECRET")}`,
  };
  const id = await instanceWithEvents(t, sandbox, receiver.url);
  const origin = new URL(sandbox.baseUrl).origin;
  const answer = await fetch(`${origin}/__sandbox/instances/${id}/events`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ objectType: "file", eventType: "CREATED" }),
  });
  t.is(answer.status, 200);
  await until(() => stderr.includes("EVENT "));
  t.regex(stderr, /^EVENT 900001 attempt 1 -> http:\/\/127\.0\.0\.1:\d+\/hooks\/box 200 NOTIFIED$/m);
  t.false(stderr.includes("do-not-log"));
  t.false(stderr.includes(SIGNATURE_KEY));
  t.false(stderr.includes("sha256="));
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error("timed out");
    }
    await new Promise((done) => setTimeout(done, 20));
  }
}
