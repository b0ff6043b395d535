/**
 * Creates find orphans through one listing of the stack per provider process (provider/dynamic/stack-inventory.ts)
 * and otherwise POST at once: the requests a user would see in AMPLIFY's logs, and the instances left.
 */
import test, { type ExecutionContext } from "ava";
import { type Sandbox, startSandbox } from "../../sandbox/index.js";
import { boxInputs } from "../helpers/box-inputs.js";
import { checkAndCreate, configureFor, provider } from "../helpers/provider-session.js";
import { call, createInstance } from "../helpers/sandbox-http.js";

const STACK_TAG = "pulumi:test/dev";

async function withSandbox(t: ExecutionContext) {
  const sandbox = await startSandbox();
  t.teardown(() => sandbox.close());
  await configureFor(sandbox);
  return sandbox;
}

const listings = (sandbox: Sandbox) =>
  sandbox.requests.filter((request) => request.method === "GET" && request.path.endsWith("/instances"));
const posts = (sandbox: Sandbox) => sandbox.requests.filter((request) => request.method === "POST");

/** What a create that crashed after the platform made the instance leaves: both ownership tags. */
async function orphanFor(t: ExecutionContext, sandbox: Sandbox, seed: string): Promise<number> {
  const orphan = await createInstance(t, sandbox, {
    providerData: { code: `code-spent-by-a-crashed-run-${seed}` },
    configuration: {
      "oauth.api.key": `client-id-${seed}`,
      "oauth.api.secret": "s",
      "oauth.callback.url": "https://x.example.com",
    },
    tags: [`pulumi:test/dev/box-${seed}`, STACK_TAG],
    name: `Box ${seed} events`,
  });
  return orphan.id;
}

test.serial("creates of one stack list it once, by the stack tag, and then only POST", async (t) => {
  const sandbox = await withSandbox(t);
  await Promise.all(["a", "b", "c"].map((seed) => checkAndCreate(boxInputs({}, seed))));
  await checkAndCreate(boxInputs({}, "d"));
  t.deepEqual(
    listings(sandbox).map((request) => request.query["tags[]"]),
    [STACK_TAG],
  );
  t.is(posts(sandbox).length, 4);
  const listedAt = listings(sandbox)[0]?.at ?? Number.POSITIVE_INFINITY;
  t.true(
    posts(sandbox).every((post) => post.at >= listedAt),
    "no POST before the listing answered",
  );
  t.deepEqual(
    sandbox
      .instances()
      .map((instance) => instance.tags.filter((tag) => tag.startsWith("pulumi:")))
      .sort(),
    ["a", "b", "c", "d"].map((seed) => [`pulumi:test/dev/box-${seed}`, STACK_TAG]),
  );
});

test.serial(
  "an orphan in the listing is taken over once; after its delete, the resource's next create POSTs",
  async (t) => {
    const sandbox = await withSandbox(t);
    const orphan = await orphanFor(t, sandbox, "a");
    sandbox.clearRequests();
    const taken = await checkAndCreate(boxInputs());
    t.is(taken.id, String(orphan));
    t.is(posts(sandbox).length, 0);
    await provider.delete(taken.id, taken.outs);
    const afterDelete = sandbox.requests.length;
    const again = await checkAndCreate(boxInputs());
    t.not(again.id, String(orphan));
    t.deepEqual(
      sandbox.requests.slice(afterDelete).map((request) => request.method),
      ["POST"],
      "struck off the listing: not even read again",
    );
    t.is(posts(sandbox).length, 1);
    t.is(listings(sandbox).length, 1, "the listing is not repeated");
    t.deepEqual(
      sandbox.instances().map((instance) => String(instance.id)),
      [again.id],
    );
  },
);

test.serial("an orphan deleted by someone else after the listing is not taken over: the create POSTs", async (t) => {
  const sandbox = await withSandbox(t);
  const orphan = await orphanFor(t, sandbox, "a");
  await checkAndCreate(boxInputs({}, "b")); // lists the stack, the orphan of box-a included
  await call(sandbox, "DELETE", `/instances/${orphan}`);
  const created = await checkAndCreate(boxInputs());
  t.not(created.id, String(orphan));
  t.is(listings(sandbox).length, 1);
  t.is(sandbox.instances().length, 2);
});

test.serial("a failed listing is not kept: nothing is posted, and the next create lists again", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.faults.add({ kind: "status500", method: "GET", path: "/instances", times: Number.POSITIVE_INFINITY });
  const error = await t.throwsAsync(checkAndCreate(boxInputs()));
  t.regex(error?.message ?? "", /list the instances of stack tag "pulumi:test\/dev" failed/);
  t.is(posts(sandbox).length, 0);
  sandbox.faults.clear();
  const created = await checkAndCreate(boxInputs());
  t.regex(created.id, /^\d+$/);
  t.is(posts(sandbox).length, 1);
  t.true(listings(sandbox).length >= 2);
  t.is(sandbox.instances().length, 1);
});

test.serial(
  "with a refresh token, an orphan without the stack tag (made before it existed) is still taken over",
  async (t) => {
    const sandbox = await withSandbox(t);
    const orphan = await createInstance(t, sandbox, {
      providerData: { code: "code-spent-by-an-older-crashed-run" },
      configuration: {
        "oauth.api.key": "client-id-a",
        "oauth.api.secret": "s",
        "oauth.callback.url": "https://x.example.com",
      },
      tags: ["pulumi:test/dev/box-a"],
      name: "Box a events",
    });
    sandbox.clearRequests();
    const inputs = boxInputs({ refreshToken: "box-refresh-token-0123456789abcdef" });
    delete inputs.authorizationCode;
    const created = await checkAndCreate(inputs);
    t.is(created.id, String(orphan.id));
    t.is(posts(sandbox).length, 0, "no second instance");
    t.deepEqual(
      sandbox.instances().map((instance) => instance.id),
      [orphan.id],
    );
    t.deepEqual(
      sandbox.requests
        .filter((request) => request.method === "GET" && "tags[]" in request.query)
        .map((r) => r.query["tags[]"]),
      [STACK_TAG, "pulumi:test/dev/box-a"],
      "the stack's listing, then the resource's own tag",
    );
  },
);

test.serial("an orphan with a default name keeps it: the take-over writes nothing and says so", async (t) => {
  const sandbox = await withSandbox(t);
  const { name: _name, ...unnamed } = boxInputs({ configuration: {} }, "auto");
  // The killed run drew one default name and its POST landed; the rerun's check draws another.
  const killed = (await provider.check({} as never, unnamed)).inputs as typeof unnamed & { name: string };
  const orphan = await createInstance(t, sandbox, {
    providerData: { code: killed.authorizationCode },
    configuration: {
      "oauth.api.key": killed.oauth.apiKey,
      "oauth.api.secret": killed.oauth.apiSecret,
      "oauth.callback.url": killed.oauth.callbackUrl,
      "event.notification.enabled": true,
      "event.notification.callback.url": killed.events?.callbackUrl,
      "event.notification.signature.key": killed.events?.signatureKey,
      "filter.response.nulls": "true",
    },
    tags: [...(killed.tags ?? []), "pulumi:test/dev/box-auto", STACK_TAG],
    name: killed.name,
  });
  sandbox.clearRequests();
  const stderr = captureStderr(t);

  const rerun = await checkAndCreate(unnamed);
  t.not(rerun.inputs.name, killed.name, "the rerun drew another default name");
  t.is(rerun.id, String(orphan.id));
  t.deepEqual(
    sandbox.requests.filter((request) => request.method !== "GET"),
    [],
    "no POST and no rename",
  );
  t.is(rerun.outs.name, killed.name);
  t.false((await provider.diff(rerun.id, rerun.outs, rerun.inputs)).changes, "the next preview plans nothing");
  t.true(
    stderr().includes(`amplify: took over instance ${orphan.id} ("${killed.name}")`),
    "the run's output names what was taken over",
  );
  const renamed = await provider.diff(rerun.id, rerun.outs, { ...rerun.inputs, name: "Chosen by the user" });
  t.true(renamed.changes, "a name the user sets is still applied");
});

/** Records what the provider writes to stderr during the test. */
function captureStderr(t: ExecutionContext): () => string {
  const chunks: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    chunks.push(String(chunk));
    return original(chunk, ...rest);
  }) as typeof process.stderr.write;
  t.teardown(() => {
    process.stderr.write = original;
  });
  return () => chunks.join("");
}
