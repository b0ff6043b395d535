import test from "ava";
import type { BoxInstanceOutputs } from "../../provider/mapping/box-instance-state.js";
import { startSandbox } from "../../sandbox/index.js";
import { boxInputs } from "../helpers/box-inputs.js";
import { checkAndCreate, configureFor, provider } from "../helpers/provider-session.js";
import { rewritingProxy } from "../helpers/rewriting-proxy.js";

/**
 * The docs show whole instances in answers, but not for every call. A platform whose PATCH answers leave the token
 * or the configuration out must not leave the outputs with a revoked token or no configuration.
 */
for (const left of ["token", "configuration"] as const) {
  test.serial(`a PATCH answer without its ${left} is completed by a read`, async (t) => {
    const sandbox = await startSandbox();
    t.teardown(() => sandbox.close());
    const baseUrl = await rewritingProxy(t, sandbox.baseUrl, (method, body) => {
      if (method === "PATCH") {
        delete body[left];
      }
      return body;
    });
    await configureFor({ ...sandbox, baseUrl });
    const created = await checkAndCreate(boxInputs());
    const reauthorized = { ...created.inputs, authorizationCode: "a-fresh-grant-code", name: "Renamed" };
    const updated = (await provider.update(created.id, created.outs, reauthorized)).outs as BoxInstanceOutputs;
    t.is(
      updated.token,
      sandbox.instance(Number(created.id))?.token ?? "missing",
      "the token the re-authentication handed out",
    );
    t.not(updated.token, created.outs.token);
    t.is(updated.configuration["oauth.api.key"], "client-id-a");
    t.false((await provider.diff(created.id, updated, reauthorized)).changes, "the next preview plans nothing");
  });
}
