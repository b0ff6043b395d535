import test from "ava";
import { InstancesClient } from "../../provider/client/index.js";
import type { BoxInstanceInputs, BoxInstanceOutputs } from "../../provider/mapping/box-instance-state.js";
import { toCreateBody } from "../../provider/mapping/to-create-body.js";
import { type FaultKind, type SandboxOptions, startSandbox } from "../../sandbox/index.js";
import { boxInputs, secretValues } from "../helpers/box-inputs.js";
import { checkAndCreate, provider } from "../helpers/provider-session.js";
import { type Exhibits, errorExhibits, findLeaks, type Secrets } from "../helpers/reliability-leak-scan.js";
import { ACCOUNT, LEAK_KNOBS, LeakSession, WRONG_ACCOUNT } from "../helpers/reliability-leak-session.js";
import { settle } from "../helpers/reliability-session.js";
import { withDebugLog } from "../helpers/reliability-stderr.js";

/**
 * Real-looking secrets (account secrets, the Box client secret, the webhook signature key, grant codes, and the
 * instance and Box tokens the sandbox issues) go through every path: success, every error the platform gives, every
 * fault, with `AMPLIFY_DEBUG=1`. None may show in an error (message, stack, JSON, cause, inspect), in the debug log,
 * or in an output other than `token`. The in-process paths share the provider's process-wide configuration, so
 * they run serially.
 */

const ROTATED = secretValues("leak-rotated");
const inputs = (overrides: Partial<BoxInstanceInputs> = {}) => boxInputs(overrides, "leak");
const other = (tag: string, code: string) =>
  inputs({ name: `Box leak ${tag}`, ownershipTag: `pulumi:test/dev/${tag}`, authorizationCode: code });

/** Inputs that change every secret and re-authenticate. */
function rotate(current: BoxInstanceInputs): BoxInstanceInputs {
  return {
    ...current,
    authorizationCode: ROTATED.authorizationCode,
    oauth: { ...current.oauth, apiSecret: ROTATED.apiSecret },
    events: { ...current.events, signatureKey: ROTATED.signatureKey },
  };
}
const ROTATED_SECRETS: Secrets = {
  rotatedCode: ROTATED.authorizationCode,
  rotatedApiSecret: ROTATED.apiSecret,
  rotatedSignatureKey: ROTATED.signatureKey,
};

type Path = (session: LeakSession) => Promise<Secrets | undefined>;

const leakFree = test.macro({
  async exec(t, path: Path, options: SandboxOptions = {}) {
    const sandbox = await startSandbox({
      userSecret: ACCOUNT.userSecret,
      organizationSecret: ACCOUNT.organizationSecret,
      ...options,
    });
    t.teardown(() => sandbox.close());
    const session = new LeakSession(sandbox);
    await session.configure();
    const { result, log } = await withDebugLog(() => path(session));
    if (!result.ok) {
      throw result.error;
    }
    t.regex(log, /^amplify: (GET|POST|PATCH|DELETE) \/instances.* requestId=/m, "debug mode printed request lines");
    const exhibits: Exhibits = { ...session.exhibits, "debug log": log };
    t.deepEqual(findLeaks(session.secrets({ ...ROTATED_SECRETS, ...result.value }), exhibits), []);
    t.log(
      `${Object.keys(exhibits).length} exhibits, ${session.failures} failed calls, ${log.split("\n").length - 1} debug lines`,
    );
  },
  title: (name = "") => `no secret in errors, debug log or outputs: ${name}`,
});

test("the scan finds a whole secret and half of one, and names which", (t) => {
  const token = "siptC3ZYpBnBaPgf0iLNxD4Bg81vd2B84NLdzk1nbpw=";
  const exhibits = { whole: `Authorization: User ${ACCOUNT.userSecret}`, half: `{"token":"${token.slice(0, 22)}` };
  t.deepEqual(findLeaks({ ...ACCOUNT, token }, exhibits), [
    "userSecret in whole (…usr-leak-Q2x9Vb7…)",
    "token in half (…siptC3ZYpBnBaPgf…)",
  ]);
  t.deepEqual(findLeaks({ ...ACCOUNT, token }, { clean: `User ${"[redacted]"}, ${token.slice(0, 15)}` }), []);
});

test.serial("success: create, refresh, rotate every secret, re-authenticate, adopt, delete", leakFree, async (s) => {
  const { id, outs, inputs: created } = await s.create("create", inputs());
  const read = await s.succeeds("read", () => provider.read(id, outs));
  const refreshed = read.props as BoxInstanceOutputs;
  await s.succeeds("diff", () => provider.diff(id, refreshed, rotate(created)));
  const updated = await s.succeeds("update", () => provider.update(id, refreshed, rotate(created)));
  await s.succeeds("read after update", () => provider.read(id, updated.outs as BoxInstanceOutputs));
  const adoptCode = "code-leak-adopt-zA1cH5jK8n";
  // The resource that owns the instance adopts it again (another resource would be refused).
  const adopting = { ...other("adopted", adoptCode), ownershipTag: created.ownershipTag ?? "", adoptInstanceId: id };
  const adopted = await s.create("adopt", adopting);
  await s.succeeds("delete", () => provider.delete(id, adopted.outs));
  return { adoptCode };
});

test.serial("401: wrong account secrets on every call", leakFree, async (s) => {
  const { id, outs, inputs: created } = await s.create("create", inputs());
  await s.configure("wrong");
  await s.fails("create", () => checkAndCreate(other("second", "code-leak-second-Vb7KpL3mN8")));
  await s.fails("read", () => provider.read(id, outs));
  await s.fails("update", () => provider.update(id, outs, rotate(created)));
  await s.fails("delete", () => provider.delete(id, outs));
  return { secondCode: "code-leak-second-Vb7KpL3mN8" };
});

test.serial("400: a grant code used twice, on create and on re-authentication", leakFree, async (s) => {
  const first = await s.create("create", inputs());
  const secondCode = "code-leak-second-Q2x9Vb7KpL";
  await s.create("create second", other("second", secondCode));
  await s.fails("create with a used code", () => checkAndCreate(other("third", ACCOUNT.authorizationCode)));
  await s.fails("re-authenticate with a used code", () =>
    provider.update(first.id, first.outs, { ...first.inputs, authorizationCode: secondCode }),
  );
  return { secondCode };
});

test.serial("404: adopting an unknown id, updating a vanished instance", leakFree, async (s) => {
  await s.fails("adopt", () => checkAndCreate({ ...inputs(), adoptInstanceId: "999999" }));
  const { id, outs, inputs: created } = await s.create("create", inputs());
  await fetch(`${s.sandbox.baseUrl}/instances/${id}`, {
    method: "DELETE",
    headers: { authorization: s.sandbox.authorization },
  });
  await s.succeeds("read", () => provider.read(id, outs));
  await s.fails("update", () => provider.update(id, outs, rotate(created)));
  await s.succeeds("delete", () => provider.delete(id, outs));
  return undefined;
});

test.serial(
  "409: a create and a rename onto a taken name",
  leakFree,
  async (s) => {
    const first = await s.create("create", inputs());
    const code = "code-leak-dup-4fG7hJ2kL9zQ";
    await s.fails("create", () => checkAndCreate({ ...other("dup", code), name: first.inputs.name ?? "" }));
    const second = await s.create("create second", other("second", "code-leak-second-H5jK8nP2qR"));
    await s.fails("rename", () =>
      provider.update(second.id, second.outs, { ...second.inputs, name: first.inputs.name ?? "" }),
    );
    return { code, secondCode: "code-leak-second-H5jK8nP2qR" };
  },
  { duplicateNames: "reject" },
);

/** Arms `kind` on each operation's own request in turn, and runs create, read, update and delete through it. */
function underFault(kind: FaultKind): Path {
  return async (s) => {
    const { id, outs, inputs: created } = await s.create("create", inputs());
    // A Retry-After beyond the client's 20 s cap makes a 429 fail at once instead of waiting out the deadline.
    const rule = { kind, times: Number.POSITIVE_INFINITY, retryAfterSeconds: kind === "status429" ? 30 : 0 };
    const code = `code-leak-${kind}-Mn4Bv8Cx2Z`;
    s.sandbox.faults.add({ ...rule, method: "POST" });
    await s.attempt("create", () => checkAndCreate(other("faulted", code)));
    s.sandbox.faults.clear();
    s.sandbox.faults.add({ ...rule, method: "GET", path: `/instances/${id}` });
    await s.attempt("read", () => provider.read(id, outs));
    s.sandbox.faults.clear();
    s.sandbox.faults.add({ ...rule, method: "PATCH" });
    await s.attempt("update", () => provider.update(id, outs, rotate(created)));
    s.sandbox.faults.clear();
    s.sandbox.faults.add({ ...rule, method: "DELETE" });
    await s.attempt("delete", () => provider.delete(id, outs));
    s.sandbox.faults.clear();
    if (s.failures === 0) {
      throw new Error(`${kind} failed no call`);
    }
    return { code };
  };
}

for (const kind of [
  "status500",
  "status502",
  "status503",
  "status429",
  "resetBeforeHandling",
  "resetAfterCommit",
  "noAnswer",
  "malformedJson",
] as const) {
  test.serial(`${kind} on every operation`, leakFree, underFault(kind));
}

test.serial("client errors keep no secret, not even in cause or hidden properties", async (t) => {
  const sandbox = await startSandbox({
    userSecret: ACCOUNT.userSecret,
    organizationSecret: ACCOUNT.organizationSecret,
    duplicateNames: "reject",
  });
  t.teardown(() => sandbox.close());
  const settings = {
    baseUrl: sandbox.baseUrl,
    ...ACCOUNT,
    requestTimeoutMs: LEAK_KNOBS.requestTimeoutMs,
    maxRetries: 0,
  };
  const client = new InstancesClient(settings);
  const wrong = new InstancesClient({
    ...settings,
    userSecret: WRONG_ACCOUNT.wrongUserSecret,
    organizationSecret: WRONG_ACCOUNT.wrongOrganizationSecret,
  });
  const body = toCreateBody(inputs());
  const created = await client.create(body);
  const id = String(created.id);
  const exhibits: Exhibits = {};
  const keep = async (label: string, call: () => Promise<unknown>) => {
    const result = await settle(call());
    t.false(result.ok, `${label} fails`);
    Object.assign(exhibits, errorExhibits(label, result.ok ? undefined : result.error));
  };
  await keep("401", () => wrong.get(id));
  await keep("400 reused code", () => client.create({ ...body, name: "Box leak again" }));
  await keep("409", () => client.create({ ...body, providerData: { code: "code-leak-409-Kj0HMn4Bv8" } }));
  await keep("404", () => client.patch("999999", { configuration: { "oauth.api.secret": ROTATED.apiSecret } }));
  const faults: Array<[FaultKind, string]> = [
    ["status500", "PATCH"],
    ["resetBeforeHandling", "PATCH"],
    ["noAnswer", "PATCH"],
    ["malformedJson", "GET"],
  ];
  for (const [kind, method] of faults) {
    sandbox.faults.add({ kind, method, times: Number.POSITIVE_INFINITY });
    await keep(kind, () =>
      method === "GET" ? client.get(id) : client.patch(id, { providerData: { code: ROTATED.authorizationCode } }),
    );
    sandbox.faults.clear();
  }
  const secrets = {
    ...ACCOUNT,
    ...WRONG_ACCOUNT,
    ...ROTATED_SECRETS,
    token: created.token ?? "missing",
    code409: "code-leak-409-Kj0HMn4Bv8",
  };
  t.deepEqual(findLeaks(secrets, exhibits), []);
});
