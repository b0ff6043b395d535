/**
 * The fleet the benchmarks apply: `count` (stack config) BoxConnectorInstances, each with its own grant code (the
 * sandbox accepts any non-empty code once). Stack config `codeSeed` keeps codes unique across runs on one sandbox.
 *
 * The resource class is loaded by package name, as a user's program loads it, so that the program and the provider
 * process use the same installed copy of the package.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as ProviderModule from "../provider/index.js";

const { BoxConnectorInstance } = require("pulumi-amplify-box") as typeof ProviderModule;

const config = new pulumi.Config();
const count = config.requireNumber("count");
const seed = config.get("codeSeed") ?? "bench";

for (let index = 0; index < count; index += 1) {
  new BoxConnectorInstance(`box-${index}`, {
    name: `Bench box ${index}`,
    authorizationCode: `bench-code-${seed}-${index}`,
    oauth: {
      apiKey: "bench-client-id",
      apiSecret: "bench-box-client-secret",
      callbackUrl: "https://app.example.com/oauth/box",
    },
    events: { enabled: true, callbackUrl: `https://app.example.com/hooks/box/${index}` },
    tags: ["bench"],
  });
}

export const instanceCount = count;
