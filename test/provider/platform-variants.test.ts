import test from "ava";
import type { BoxInstanceInputs, BoxInstanceOutputs } from "../../provider/mapping/box-instance-state.js";
import {
  describePlatformVariant,
  PLATFORM_SWITCHES,
  type PlatformVariant,
  platformVariants,
  startSandbox,
} from "../../sandbox/index.js";
import { boxInputs } from "../helpers/box-inputs.js";
import { checkAndCreate, configureFor, provider } from "../helpers/provider-session.js";
import { call } from "../helpers/sandbox-http.js";

/**
 * The provider's methods, in the order the engine calls them, against every combination of the sandbox's
 * platform-version switches (3 × 2 × 2 × 2 × 2 × 2 = 96). The real-engine matrix (test/e2e/platform-convergence)
 * covers the ones that change what the provider must do; this one proves that none of the others breaks it.
 */

const variants = platformVariants(PLATFORM_SWITCHES);

test("the matrix covers every combination of every switch", (t) => {
  t.is(variants.length, 96);
  t.is(new Set(variants.map(describePlatformVariant)).size, 96);
});

for (const variant of variants) {
  test.serial(`converges on a platform with ${describePlatformVariant(variant)}`, async (t) => {
    await converges(t, variant);
  });
}

async function converges(t: import("ava").ExecutionContext, variant: PlatformVariant): Promise<void> {
  const sandbox = await startSandbox(variant);
  t.teardown(() => sandbox.close());
  await configureFor(sandbox);
  const writes = () => sandbox.requests.filter((request) => request.method !== "GET");

  const a = await checkAndCreate(boxInputs({}, "a"));
  const b = await checkAndCreate(boxInputs({ configuration: { "filter.response.nulls": false } }, "b"));
  const olds: Record<string, BoxInstanceOutputs> = { [a.id]: a.outs, [b.id]: b.outs };
  const inputs: Record<string, BoxInstanceInputs> = { [a.id]: a.inputs, [b.id]: b.inputs };
  t.is(a.outs.configuration["oauth.api.key"], "client-id-a", "the real client id, whatever the platform answers");

  // up again, and refresh, with nothing changed.
  for (const id of [a.id, b.id]) {
    t.false((await provider.diff(id, olds[id] as BoxInstanceOutputs, inputs[id] as BoxInstanceInputs)).changes);
    const read = await provider.read(id, olds[id]);
    t.deepEqual(read.props, olds[id], "a refresh with nothing changed changes no output");
    t.false((await provider.diff(id, read.props as BoxInstanceOutputs, inputs[id] as BoxInstanceInputs)).changes);
  }

  // One field of one instance: one request, for that instance, carrying that field only.
  sandbox.clearRequests();
  const moved = { ...a.inputs, events: { ...a.inputs.events, callbackUrl: "https://hooks.example.com/moved" } };
  t.false((await provider.diff(b.id, b.outs, b.inputs)).changes);
  t.true((await provider.diff(a.id, a.outs, moved)).changes);
  const updated = await provider.update(a.id, a.outs, moved);
  t.deepEqual(
    sandbox.requests.map((request) => [request.method, request.path, request.body]),
    [
      [
        "PATCH",
        `/elements/api-v2/instances/${a.id}`,
        { configuration: { "event.notification.callback.url": "https://hooks.example.com/moved" } },
      ],
    ],
  );
  const afterUpdate = updated.outs as BoxInstanceOutputs;
  t.is(afterUpdate.configuration["oauth.api.key"], "client-id-a");
  t.false((await provider.diff(a.id, afterUpdate, moved)).changes);

  // Drift made out of band shows on refresh, and the update puts it back.
  await call(sandbox, "PATCH", `/instances/${b.id}`, { name: "Renamed in the console", tags: ["console"] });
  const drifted = (await provider.read(b.id, b.outs)).props as BoxInstanceOutputs;
  t.is(drifted.name, "Renamed in the console");
  t.deepEqual(drifted.tags, ["console"]);
  t.true((await provider.diff(b.id, drifted, b.inputs)).changes);
  sandbox.clearRequests();
  const restored = (await provider.update(b.id, drifted, b.inputs)).outs as BoxInstanceOutputs;
  t.is(writes().length, 1);
  t.is(sandbox.instance(Number(b.id))?.name, b.inputs.name);
  t.false((await provider.diff(b.id, restored, b.inputs)).changes);

  // A fresh grant code re-authenticates; the outputs carry whatever token the platform now has.
  const reauthorized = { ...moved, authorizationCode: "fresh-grant-code-for-a" };
  const after = (await provider.update(a.id, afterUpdate, reauthorized)).outs as BoxInstanceOutputs;
  t.is(after.token, sandbox.instance(Number(a.id))?.token ?? "missing");
  t.is(after.token === a.outs.token, variant.tokenOnReauthentication === "keep");
  const reread = (await provider.read(a.id, after)).props as BoxInstanceOutputs;
  t.deepEqual(reread, after);
  t.false((await provider.diff(a.id, reread, reauthorized)).changes);

  const sentMasked = sandbox.requests.filter((request) => JSON.stringify(request.body ?? null).includes('"********"'));
  t.deepEqual(sentMasked, [], '"********" is never sent');
  const serialized = JSON.stringify([olds, afterUpdate, restored, after]);
  t.false(serialized.includes('"oauth.api.key":"********"'), "no output holds a masked client id");
  await provider.delete(a.id, after);
  await provider.delete(b.id, restored);
  t.deepEqual(sandbox.instances(), []);
}
