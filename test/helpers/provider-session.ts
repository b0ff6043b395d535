import type * as pulumi from "@pulumi/pulumi";
import type { BoxInstanceInputs, BoxInstanceOutputs } from "../../provider/mapping/box-instance-state.js";
import type { Sandbox } from "../../sandbox/index.js";
import { loadProviderSource } from "./provider-source.js";

/** The provider the resource's `__provider` text loads, evaluated as the dynamic-provider host evaluates it. */
export const provider = loadProviderSource();

/**
 * The provider's methods called in-process, configured for `sandbox` as the engine would configure them from
 * stack config. The checked inputs are what the engine passes on to create, diff and update.
 */
export async function configureFor(sandbox: Pick<Sandbox, "baseUrl" | "userSecret" | "organizationSecret">) {
  const config: Record<string, string> = {
    "amplify:baseUrl": sandbox.baseUrl,
    "amplify:userSecret": sandbox.userSecret,
    "amplify:organizationSecret": sandbox.organizationSecret,
    "amplify:maxRetries": "2",
    "amplify:requestTimeout": "5000",
  };
  // configure() starts the stack inventory (one listing per process) afresh, as a new provider process would.
  await provider.configure({ config: { get: (key: string) => config[key] } } as pulumi.dynamic.ConfigureRequest);
  return provider;
}

/** check, then create, as `pulumi up` does for a new resource. */
export async function checkAndCreate(inputs: BoxInstanceInputs) {
  const checked = await provider.check({} as BoxInstanceInputs, inputs);
  if ((checked.failures?.length ?? 0) > 0) {
    throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
  }
  const created = await provider.create(checked.inputs as BoxInstanceInputs);
  return { id: created.id, outs: created.outs as BoxInstanceOutputs, inputs: checked.inputs as BoxInstanceInputs };
}
