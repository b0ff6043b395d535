import test from "ava";
import { startSandbox } from "../../sandbox/index.js";
import { boxInputs, secretValues } from "../helpers/box-inputs.js";
import { asSentByEngine, ProviderHostCallError, startProviderHost } from "../helpers/provider-host.js";
import { type Exhibits, errorExhibits, findLeaks, outputsWithoutToken } from "../helpers/reliability-leak-scan.js";
import { ACCOUNT, LEAK_KNOBS, WRONG_ACCOUNT } from "../helpers/reliability-leak-session.js";
import { settle } from "../helpers/reliability-session.js";

/**
 * The leak scan in the real dynamic-provider host of @pulumi/pulumi, driven over gRPC as the engine drives it, with
 * `AMPLIFY_DEBUG=1` in the host's environment: what the host prints, the errors the engine would show and the
 * outputs it would store hold no secret, on success and on failure (500, a garbled answer, no answer, 401).
 */

const ROTATED = secretValues("leak-rotated");
const inputs = () => boxInputs({}, "leak");

test("in the real provider host with AMPLIFY_DEBUG=1, success and failures print no secret", async (t) => {
  const sandbox = await startSandbox({
    userSecret: ACCOUNT.userSecret,
    organizationSecret: ACCOUNT.organizationSecret,
  });
  t.teardown(() => sandbox.close());
  const config = (account: { userSecret: string; organizationSecret: string }) => ({
    config: {
      "amplify:baseUrl": sandbox.baseUrl,
      "amplify:userSecret": account.userSecret,
      "amplify:organizationSecret": account.organizationSecret,
      "amplify:requestTimeout": String(LEAK_KNOBS.requestTimeoutMs),
      "amplify:maxRetries": String(LEAK_KNOBS.maxRetries),
    },
    env: { AMPLIFY_DEBUG: "1" },
  });
  const host = await startProviderHost(config(ACCOUNT));
  t.teardown(() => host.close());
  const exhibits: Exhibits = {};
  const keepError = async (label: string, call: () => Promise<unknown>) => {
    const result = await settle(call());
    t.true(!result.ok && result.error instanceof ProviderHostCallError, `${label} fails in the host`);
    Object.assign(exhibits, errorExhibits(label, result.ok ? undefined : result.error));
  };

  const news = asSentByEngine(inputs() as unknown as Record<string, unknown>);
  const checked = await host.check({}, news);
  const created = await host.create(checked.inputs);
  const token = sandbox.instance(Number(created.id))?.token ?? "missing";
  t.is(created.properties.token, token, "the token output holds the instance token");
  const read = await host.read(created.id, created.properties);
  const rotated = asSentByEngine({
    ...inputs(),
    authorizationCode: ROTATED.authorizationCode,
    oauth: { ...inputs().oauth, apiSecret: ROTATED.apiSecret },
    events: { ...inputs().events, signatureKey: ROTATED.signatureKey },
  } as unknown as Record<string, unknown>);
  const updated = await host.update(created.id, read.properties, (await host.check(news, rotated)).inputs);
  Object.assign(
    exhibits,
    outputsWithoutToken("create", created.properties),
    outputsWithoutToken("read", read.properties),
  );
  Object.assign(exhibits, outputsWithoutToken("update", updated.properties));
  sandbox.faults.add({ kind: "status500", method: "PATCH", times: Number.POSITIVE_INFINITY });
  await keepError("update under 500", () =>
    host.update(created.id, updated.properties, { ...checked.inputs, name: "x" }),
  );
  sandbox.faults.clear();
  sandbox.faults.add({ kind: "malformedJson", method: "GET", times: Number.POSITIVE_INFINITY });
  await keepError("read of a garbled answer", () => host.read(created.id, updated.properties));
  sandbox.faults.clear();
  sandbox.faults.add({ kind: "noAnswer", method: "DELETE", times: Number.POSITIVE_INFINITY });
  await keepError("delete without answer", () => host.delete(created.id, updated.properties));
  sandbox.faults.clear();
  await host.delete(created.id, updated.properties);

  const wrongHost = await startProviderHost(
    config({ userSecret: WRONG_ACCOUNT.wrongUserSecret, organizationSecret: WRONG_ACCOUNT.wrongOrganizationSecret }),
  );
  t.teardown(() => wrongHost.close());
  await keepError("create with wrong secrets", () => wrongHost.create(checked.inputs));

  Object.assign(exhibits, {
    "host stderr": host.stderr,
    "host stdout": host.stdout,
    "second host stderr": wrongHost.stderr,
    "serialized provider": host.providerText,
  });
  t.regex(host.stderr, /amplify: PATCH \/instances\/\d+ 500/, "the host printed debug lines");
  t.deepEqual(
    findLeaks(
      {
        ...ACCOUNT,
        ...WRONG_ACCOUNT,
        rotatedCode: ROTATED.authorizationCode,
        rotatedApiSecret: ROTATED.apiSecret,
        rotatedSignatureKey: ROTATED.signatureKey,
        token,
      },
      exhibits,
    ),
    [],
  );
});
