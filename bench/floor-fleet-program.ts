/**
 * The engine's floor for the fleets: the same `count` resources with the same inputs as bench/fleet-program.ts,
 * registered the same way, but handled by the minimal provider of bench/minimal-provider.ts. What the real provider
 * costs above this is its own share; the rest is the engine's, the SDK's and the dynamic-provider host's.
 *
 * The state file holds the type token (twice: in the URN and the type) and the `__provider` text (twice: in the
 * inputs and the outputs) of every resource, so both are as long as BoxConnectorInstance's (bench/minimal-provider.ts):
 * the state's bytes per instance then differ only by what the providers record.
 */
import * as pulumi from "@pulumi/pulumi";
import { MINIMAL_PROVIDER_SOURCE, MINIMAL_TYPE } from "./minimal-provider.js";

class MinimalInstance extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs) {
    super(MINIMAL_TYPE, name, { __provider: MINIMAL_PROVIDER_SOURCE, ...props });
  }
}

const config = new pulumi.Config();
const count = config.requireNumber("count");
const seed = config.get("codeSeed") ?? "bench";
const project = pulumi.getProject();
const stack = pulumi.getStack();

for (let index = 0; index < count; index += 1) {
  const name = `box-${index}`;
  new MinimalInstance(name, {
    name: `Bench box ${index}`,
    autoNamePrefix: name,
    ownershipTag: `pulumi:${project}/${stack}/${name}`,
    authorizationCode: pulumi.secret(`bench-code-${seed}-${index}`),
    oauth: {
      apiKey: "bench-client-id",
      apiSecret: pulumi.secret("bench-box-client-secret"),
      callbackUrl: "https://app.example.com/oauth/box",
    },
    events: { enabled: true, callbackUrl: `https://app.example.com/hooks/box/${index}` },
    tags: ["bench"],
    // BoxConnectorInstance registers this input key even when it is not set: the SDK's cost per key is the same.
    configuration: undefined,
  });
}

export const instanceCount = count;
