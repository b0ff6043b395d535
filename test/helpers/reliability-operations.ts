import type { ExecutionContext } from "ava";
import type { BoxInstanceInputs, BoxInstanceOutputs } from "../../provider/mapping/box-instance-state.js";
import { secretDigest } from "../../provider/mapping/secret-digests.js";
import { desiredTags } from "../../provider/mapping/to-create-body.js";
import type { Sandbox, SandboxInstance } from "../../sandbox/index.js";
import { boxInputs } from "./box-inputs.js";
import { checkAndCreate, provider } from "./provider-session.js";
import type { FaultTarget } from "./reliability-faults.js";
import { freshCode } from "./sandbox-http.js";

/**
 * One operation of the fault matrix, set up against a sandbox: what the engine would call, where the fault is aimed,
 * and what the sandbox must hold once the operation has converged (or after it failed).
 */
export interface Scenario {
  readonly target: FaultTarget;
  /** What the error of a failed attempt must name. */
  readonly operation: RegExp;
  /** One run, as `pulumi up` (or refresh, or destroy) would call the provider; called again for a re-run. */
  run(): Promise<void>;
  /** The user's answer to "grant code already used": a new code in the inputs. Only where a code is sent. */
  freshCode?(): void;
  /** The sandbox holds exactly what the desired state asks for, and the result says so too. */
  verifyConverged(t: ExecutionContext): void | Promise<void>;
  /** After a failed attempt: no duplicate, nothing lost that the state still records. */
  verifyAfterFailure(t: ExecutionContext): void;
}

export interface OperationColumn {
  readonly name: string;
  /** Said in the test title: what the sandbox holds once the operation converged. */
  readonly goal: string;
  /**
   * The operation can be repeated after any failure: reads, deletes and idempotent PATCHes, and create, which looks
   * its instance up by ownership tag. A re-authentication cannot: its grant code is single use.
   */
  readonly repeatable: boolean;
  prepare(sandbox: Sandbox): Promise<Scenario>;
}

const SEED = "matrix";

/** The instances that carry this resource's ownership tag. */
function owned(sandbox: Sandbox, inputs: BoxInstanceInputs): SandboxInstance[] {
  return sandbox.instances().filter((instance) => instance.tags.includes(inputs.ownershipTag ?? "-"));
}

/** A resource already created without faults, as state records it. */
async function existing(sandbox: Sandbox) {
  const created = await checkAndCreate(boxInputs({}, SEED));
  const stored = sandbox.instance(Number(created.id));
  if (stored === undefined) {
    throw new Error("setup: the instance was not stored");
  }
  return { ...created, stored };
}

function exactlyTheOne(t: ExecutionContext, sandbox: Sandbox, id: string): SandboxInstance | undefined {
  const all = sandbox.instances();
  t.deepEqual(
    all.map((instance) => String(instance.id)),
    [id],
    "the sandbox holds exactly the one instance",
  );
  return all[0];
}

const create: OperationColumn = {
  name: "create",
  goal: "converges to exactly one instance",
  repeatable: true,
  async prepare(sandbox) {
    const inputs = boxInputs({}, SEED);
    let result: { id: string; outs: BoxInstanceOutputs } | undefined;
    return {
      target: { method: "POST", path: "/instances" },
      operation: /create instance "Box matrix events"|look up instances tagged "pulumi:test\/dev\/box-matrix"/,
      async run() {
        // The engine drops a failed create, so a re-run is a fresh check and create of the same inputs.
        result = await checkAndCreate(inputs);
      },
      verifyConverged(t) {
        const mine = owned(sandbox, inputs);
        t.is(mine.length, 1, "one instance carries the ownership tag");
        const stored = exactlyTheOne(t, sandbox, result?.id ?? "none");
        t.is(stored?.name, inputs.name);
        t.is(stored?.configuration["event.notification.callback.url"], inputs.events?.callbackUrl);
        t.is(result?.outs.token, stored?.token, "the token output is the instance's");
        t.deepEqual(result?.outs.tags, inputs.tags);
      },
      verifyAfterFailure(t) {
        // A create that failed after the platform acted may leave its instance for the next run to take over.
        t.true(owned(sandbox, inputs).length <= 1, "no duplicate after a failed create");
        t.true(sandbox.instances().length <= 1, "nothing else was made");
      },
    };
  },
};

const read: OperationColumn = {
  name: "read (refresh)",
  goal: "keeps the one instance",
  repeatable: true,
  async prepare(sandbox) {
    const { id, outs, stored } = await existing(sandbox);
    let result: Awaited<ReturnType<typeof provider.read>> | undefined;
    return {
      target: { method: "GET", path: `/instances/${id}` },
      operation: new RegExp(`refresh instance ${id}`),
      async run() {
        result = await provider.read(id, outs);
      },
      verifyConverged(t) {
        t.is(result?.id, id, "the instance is still there, not read as gone");
        const props = result?.props as BoxInstanceOutputs | undefined;
        t.is(props?.token, stored.token);
        t.is(props?.name, stored.name);
        exactlyTheOne(t, sandbox, id);
      },
      verifyAfterFailure(t) {
        t.deepEqual(exactlyTheOne(t, sandbox, id), stored, "a failed read changed nothing");
      },
    };
  },
};

const update: OperationColumn = {
  name: "update",
  goal: "leaves the one instance updated",
  repeatable: true,
  async prepare(sandbox) {
    const { id, outs, inputs } = await existing(sandbox);
    const news: BoxInstanceInputs = {
      ...inputs,
      name: "Box matrix renamed",
      tags: ["prod", "eu"],
      events: { ...inputs.events, callbackUrl: "https://hooks.example.com/v2" },
    };
    let result: BoxInstanceOutputs | undefined;
    return {
      target: { method: "PATCH", path: `/instances/${id}` },
      operation: new RegExp(`update instance ${id}`),
      async run() {
        // After a failed update the engine keeps the old outputs, so a re-run diffs from them again.
        result = (await provider.update(id, outs, news)).outs as BoxInstanceOutputs;
      },
      async verifyConverged(t) {
        const stored = exactlyTheOne(t, sandbox, id);
        t.is(stored?.name, news.name);
        t.deepEqual(stored?.tags, desiredTags(news));
        t.is(stored?.configuration["event.notification.callback.url"], "https://hooks.example.com/v2");
        t.is(result?.name, news.name);
        await nextPreviewPlansNothing(t, id, result, news);
      },
      verifyAfterFailure(t) {
        exactlyTheOne(t, sandbox, id);
      },
    };
  },
};

const reauthenticate: OperationColumn = {
  name: "update: new grant code",
  goal: "re-authenticates the one instance",
  repeatable: false,
  async prepare(sandbox) {
    const { id, outs, inputs, stored } = await existing(sandbox);
    const news: BoxInstanceInputs = { ...inputs, authorizationCode: freshCode() };
    let result: BoxInstanceOutputs | undefined;
    return {
      target: { method: "PATCH", path: `/instances/${id}` },
      operation: new RegExp(`update instance ${id}`),
      async run() {
        result = (await provider.update(id, outs, news)).outs as BoxInstanceOutputs;
      },
      freshCode() {
        news.authorizationCode = freshCode();
      },
      async verifyConverged(t) {
        const now = exactlyTheOne(t, sandbox, id);
        t.not(now?.configuration["oauth.user.token"], stored.configuration["oauth.user.token"], "re-authenticated");
        t.is(result?.token, now?.token, "the outputs carry the token the platform has after re-authenticating");
        t.is(
          result?.secretDigests?.authorizationCode,
          secretDigest(result?.token ?? "", "authorizationCode", news.authorizationCode ?? ""),
        );
        await nextPreviewPlansNothing(t, id, result, news);
      },
      verifyAfterFailure(t) {
        exactlyTheOne(t, sandbox, id);
      },
    };
  },
};

const destroy: OperationColumn = {
  name: "delete",
  goal: "leaves no instance",
  repeatable: true,
  async prepare(sandbox) {
    const { id, outs } = await existing(sandbox);
    return {
      target: { method: "DELETE", path: `/instances/${id}` },
      operation: new RegExp(`delete instance ${id}`),
      async run() {
        await provider.delete(id, outs);
      },
      verifyConverged(t) {
        t.deepEqual(sandbox.instances(), [], "the sandbox holds no instance");
      },
      verifyAfterFailure(t) {
        // State still records the instance; whether the platform already removed it, the re-run settles.
        t.true(sandbox.instances().length <= 1);
      },
    };
  },
};

export const OPERATION_COLUMNS: readonly OperationColumn[] = [create, read, update, reauthenticate, destroy];

/** After a converged update, the next preview (a diff of the new outputs against the same inputs) is empty. */
async function nextPreviewPlansNothing(
  t: ExecutionContext,
  id: string,
  outs: BoxInstanceOutputs | undefined,
  news: BoxInstanceInputs,
): Promise<void> {
  t.truthy(outs, "the update returned outputs");
  t.false((await provider.diff(id, outs as BoxInstanceOutputs, news)).changes, "the next preview plans nothing");
}
