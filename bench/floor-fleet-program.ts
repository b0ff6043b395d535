/**
 * The engine's floor for the fleets: the same `count` resources with the same inputs as bench/fleet-program.ts, but
 * handled by a minimal dynamic provider that makes the same HTTP calls (look-up ∥ POST, GET, DELETE) with got and
 * records nothing but the id. What the real provider costs above this is its own share; the rest is the engine.
 * It reads the API's address from BENCH_AMPLIFY_BASE_URL and BENCH_AMPLIFY_AUTHORIZATION in the provider process,
 * and the order of a create's two calls from BENCH_LOOKUP_FIRST.
 */
import * as pulumi from "@pulumi/pulumi";

async function call(method: string, path: string, json?: unknown): Promise<{ id?: number }> {
  const { got } = require("got") as typeof import("got");
  return got(`${process.env.BENCH_AMPLIFY_BASE_URL}/${path}`, {
    method: method as "GET",
    headers: { authorization: process.env.BENCH_AMPLIFY_AUTHORIZATION ?? "" },
    ...(json === undefined ? {} : { json }),
    retry: { limit: 0 },
  }).json();
}

const floorProvider: pulumi.dynamic.ResourceProvider = {
  check: async (_olds, news) => ({ inputs: news }),
  diff: async () => ({ changes: false }),
  create: async (inputs) => {
    const lookUp = () => call("GET", `instances?tags[]=${encodeURIComponent(inputs.ownershipTag)}`);
    const post = () =>
      call("POST", "instances", {
        element: { key: "box" },
        providerData: { code: inputs.authorizationCode },
        name: inputs.name,
        tags: [...inputs.tags, inputs.ownershipTag],
        configuration: {
          "oauth.api.key": inputs.oauth.apiKey,
          "oauth.api.secret": inputs.oauth.apiSecret,
          "oauth.callback.url": inputs.oauth.callbackUrl,
          "event.notification.enabled": inputs.events.enabled,
          "event.notification.callback.url": inputs.events.callbackUrl,
        },
      });
    // In the order the real provider uses (BENCH_LOOKUP_FIRST=1: the look-up, then the POST).
    const created =
      process.env.BENCH_LOOKUP_FIRST === "1" ? await lookUp().then(post) : (await Promise.all([lookUp(), post()]))[1];
    return { id: String(created.id), outs: {} };
  },
  read: async (id) => {
    await call("GET", `instances/${id}`);
    return { id, props: {} };
  },
  delete: async (id) => {
    await call("DELETE", `instances/${id}`);
  },
};

class FloorInstance extends pulumi.dynamic.Resource {}

const config = new pulumi.Config();
const count = config.requireNumber("count");
const seed = config.get("codeSeed") ?? "bench";
const project = pulumi.getProject();
const stack = pulumi.getStack();

for (let index = 0; index < count; index += 1) {
  const name = `box-${index}`;
  new FloorInstance(
    floorProvider,
    name,
    {
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
    },
    {},
    "amplify",
    "FloorInstance",
  );
}

export const instanceCount = count;
