import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { copyFile, readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import test from "ava";
import type { Sandbox } from "../../sandbox/index.js";
import { secretValues } from "../helpers/box-inputs.js";
import { e2eFixture } from "../helpers/e2e-stack.js";
import { filesOf } from "../helpers/reliability-stack.js";

/**
 * A CI job cancelled in the middle of `pulumi up` and of `pulumi destroy`: the whole CLI process tree is killed with
 * SIGKILL while creates (deletes) are in flight, on the default (strictest) sandbox slowed down so that they are.
 * The recovery is exactly the README's "When a run is interrupted", and the result is what a user would check.
 */

const COUNT = 20;
const secrets = secretValues("killed");
const names = Array.from({ length: COUNT }, (_, index) => `box-${String(index + 1).padStart(2, "0")}`);
const codeOf = (name: string) => `${secrets.authorizationCode}-${name}`;

const desiredState = [
  "version: 1",
  "defaults:",
  "  oauth:",
  "    apiKey: killed-client-id",
  "    apiSecret: { secret: boxClientSecret }",
  "    callbackUrl: https://app.example.com/oauth/box",
  "instances:",
  // No names: every instance gets a default name, which a take-over must keep.
  ...names.map((name) => `  ${name}:\n    authorization: { code: { secret: code-${name} } }`),
  "",
].join("\n");

const config = {
  "amplify-box:boxClientSecret": { value: secrets.apiSecret, secret: true },
  ...Object.fromEntries(names.map((name) => [`amplify-box:code-${name}`, { value: codeOf(name), secret: true }])),
};

test("a killed up and a killed destroy recover with the README's commands: no duplicate, no rename, no leak", async (t) => {
  t.timeout(10 * 60 * 1000);
  const { sandbox, local } = await e2eFixture(t, { desiredState, config, sandbox: { latencyMs: 300 } });
  const ownershipPrefix = "pulumi:amplify-box/dev/";

  // up, killed once 8 instances exist: with 4 creates at a time and 300 ms per answer, some are still in flight.
  await killWhen(
    local.start(["up", "--yes", "--skip-preview", "--parallel", "4"]),
    () => sandbox.instances().length >= 8,
  );
  t.log(await restoreCutShortCheckpoint(local.stateDir));
  const recorded = await recordedIds(local.pulumi);
  const made = sandbox.instances().length;
  t.log(`killed up: ${made} instances on the platform, ${recorded.length} recorded in state`);
  t.true(made > recorded.length, "the kill left instances whose create the state never recorded");

  // The way back, as the README says it: the next run meets the killed run's lock.
  const locked = await t.throwsAsync<Error & { stderr?: string }>(local.pulumi(["up", "--yes", "--skip-preview"]));
  t.regex(locked?.stderr ?? "", /the stack is currently locked by 1 lock\(s\)/);
  t.regex(locked?.stderr ?? "", /pulumi cancel/);
  t.log(locked?.stderr?.trim().split("\n").slice(0, 3).join(" / "));
  await local.pulumi(["cancel", "--yes"]);
  await local.pulumi(["refresh", "--clear-pending-creates", "--yes"]);
  const seenBefore = sandbox.requests.length;
  const rerun = await local.pulumi(["up", "--yes", "--skip-preview"]);
  // The engine shows each of the provider's lines twice: as it happens, and again under "Diagnostics".
  const tookOver = new Set(rerun.match(/amplify: took over instance \d+ \("box-\d\d-[0-9a-f]{7}"\)/g));
  t.is(tookOver.size, made - recorded.length, "the rerun names each instance it took over");
  t.deepEqual(
    sandbox.requests
      .slice(seenBefore)
      .filter((request) => request.method !== "GET")
      .map((request) => request.method),
    Array.from({ length: COUNT - made }, () => "POST"),
    "the rerun only creates what is missing: a take-over of a matching orphan writes nothing",
  );

  const stored = sandbox.instances();
  t.is(stored.length, COUNT);
  const byTag = new Map<string, number>();
  for (const instance of stored) {
    for (const tag of instance.tags.filter((tag) => tag.startsWith(ownershipPrefix))) {
      byTag.set(tag, (byTag.get(tag) ?? 0) + 1);
    }
  }
  t.deepEqual(
    [...byTag.entries()].sort(),
    names.map((name) => [`${ownershipPrefix}${name}`, 1]),
    "one instance per ownership tag",
  );
  t.deepEqual(renames(sandbox), [], "no instance was renamed");
  const codes = spentCodes(sandbox);
  t.deepEqual([...codes].sort(), names.map(codeOf).sort(), "every grant code spent once, on one instance");
  t.is(
    sandbox.requests.filter((request) => request.method === "POST" && request.status !== 200).length,
    0,
    "no create was refused (a replayed code would be)",
  );
  const outputs = await local.stack.outputs();
  t.deepEqual(
    Object.values(outputs.instanceIds?.value as Record<string, string>).sort(),
    stored.map((instance) => String(instance.id)).sort(),
    "the stack output lists exactly the platform's instances",
  );
  await t.notThrowsAsync(local.stack.preview({ color: "never", expectNoChanges: true }));

  // destroy, killed half way.
  await killWhen(local.start(["destroy", "--yes", "--skip-preview", "--parallel", "4"]), () => {
    return sandbox.instances().length <= COUNT / 2;
  });
  t.log(`killed destroy: ${sandbox.instances().length} instances left`);
  t.true(sandbox.instances().length > 0, "the kill came before the destroy was done");
  t.log(await restoreCutShortCheckpoint(local.stateDir));
  await t.throwsAsync(local.pulumi(["destroy", "--yes", "--skip-preview"]), { message: /currently locked/ });
  await local.pulumi(["cancel", "--yes"]);
  await local.pulumi(["destroy", "--yes", "--skip-preview"]);
  t.deepEqual(sandbox.instances(), []);
  t.deepEqual(await recordedIds(local.pulumi), []);

  const forbidden = {
    apiSecret: secrets.apiSecret,
    ...Object.fromEntries(names.map((name) => [`code of ${name}`, codeOf(name)])),
    ...Object.fromEntries(stored.map((instance) => [`token of ${instance.id}`, instance.token])),
    userSecret: sandbox.userSecret,
    organizationSecret: sandbox.organizationSecret,
  };
  const written = `${Object.values(await filesOf(local.rootDir)).join("\n")}\n${rerun}`;
  for (const [label, value] of Object.entries(forbidden)) {
    t.false(written.includes(value), `${label} in a state file or the output`);
  }
});

/**
 * The README's step for a kill that lands while the file backend rewrites the checkpoint: the stack file is then
 * cut short (`error: failed to load checkpoint: EOF`), and the previous checkpoint beside it (`<stack>.json.bak`)
 * is put back. Whatever the lost step recorded is found again: a created instance by its ownership tag, a deleted
 * one by its 404.
 */
async function restoreCutShortCheckpoint(stateDir: string): Promise<string> {
  const stack = path.join(stateDir, ".pulumi", "stacks", "amplify-box", "dev.json");
  try {
    // The checkpoint and the attributes file the backend writes beside it (its checksum): either can be cut short.
    JSON.parse(await readFile(stack, "utf8"));
    JSON.parse(await readFile(`${stack}.attrs`, "utf8"));
    return "the checkpoint survived the kill";
  } catch {
    await copyFile(`${stack}.bak`, stack);
    await copyFile(`${stack}.bak.attrs`, `${stack}.attrs`).catch(() => undefined);
    return "the kill cut the checkpoint short: restored dev.json.bak, as the README says";
  }
}

/** Kills the CLI's whole process group with SIGKILL once `condition` holds. */
async function killWhen(child: ChildProcess, condition: () => boolean): Promise<void> {
  const exited = once(child, "exit");
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  while (!condition()) {
    if (ended) {
      throw new Error("the run ended before the moment to kill it");
    }
    await sleep(5);
  }
  process.kill(-(child.pid ?? 0), "SIGKILL");
  await exited;
}

/** The instance ids the stack's state records. */
async function recordedIds(pulumi: (args: readonly string[]) => Promise<string>): Promise<string[]> {
  const exported = JSON.parse(await pulumi(["stack", "export"])) as {
    deployment: { resources?: Array<{ type: string; id?: string }> };
  };
  return (exported.deployment.resources ?? [])
    .filter((resource) => resource.type.endsWith(":BoxConnectorInstance") && resource.id !== undefined)
    .map((resource) => resource.id as string);
}

function renames(sandbox: Sandbox) {
  return sandbox.requests.filter(
    (request) =>
      request.method === "PATCH" && typeof request.body === "object" && request.body !== null && "name" in request.body,
  );
}

/** The grant codes of the creates the platform accepted. */
function spentCodes(sandbox: Sandbox): string[] {
  return sandbox.requests
    .filter((request) => request.method === "POST" && request.status === 200)
    .map((request) => (request.body as { providerData?: { code?: string } }).providerData?.code ?? "none");
}

for (const cut of ["dev.json", "dev.json.attrs"]) {
  test(`a kill that leaves ${cut} cut short: the README's .bak files put it back, and up then converges`, async (t) => {
    const small = names.slice(0, 3);
    const { sandbox, local } = await e2eFixture(t, {
      desiredState: desiredState.split("  box-04:")[0] as string,
      config,
    });
    await local.stack.up({ color: "never" });
    t.is(sandbox.instances().length, small.length);
    const stack = path.join(local.stateDir, ".pulumi", "stacks", "amplify-box", "dev.json");
    // What a SIGKILL during the checkpoint write leaves: the stack file, or the attributes file beside it, empty.
    await writeFile(path.join(path.dirname(stack), cut), "");
    const broken = await t.throwsAsync<Error & { stderr?: string }>(local.pulumi(["preview"]));
    t.regex(broken?.stderr ?? "", /failed to load checkpoint/);
    t.regex(await restoreCutShortCheckpoint(local.stateDir), /restored dev\.json\.bak/);
    sandbox.clearRequests();
    await local.pulumi(["up", "--yes", "--skip-preview"]);
    t.is(sandbox.instances().length, small.length, "nothing made twice");
    await t.notThrowsAsync(local.stack.preview({ color: "never", expectNoChanges: true }));
  });
}
