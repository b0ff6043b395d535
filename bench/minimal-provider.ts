/**
 * The engine's floor for the fleets, the *minimal provider*: a dynamic provider that makes the same HTTP calls as the
 * real one (the stack's listing once per process, then a POST per create; GET; DELETE) with got and records nothing
 * but the id. bench/floor-fleet-program.ts registers it the way BoxConnectorInstance registers its provider: a
 * `__provider` text of one `require` of a module that exports `handler`, as long as the provider's (see that
 * program). It reads the API's address from BENCH_AMPLIFY_BASE_URL and BENCH_AMPLIFY_AUTHORIZATION in the provider
 * process. A 429 is waited out as got does by default (Retry-After).
 */
import type * as pulumi from "@pulumi/pulumi";
import got from "got";
import { PROVIDER_SOURCE } from "../provider/dynamic/provider-source.js";

/** `pulumi-nodejs:dynamic/amplify:BoxConnectorInstance` with a module name of the same length. */
export const MINIMAL_TYPE = "pulumi-nodejs:dynamic/minimal:BoxConnectorInstance";

/**
 * The counterpart of the provider's `__provider` text, padded with spaces to its length. The host evaluates it in its
 * working directory, the folder of the program's main module (dist/bench), so the `require` is relative to that.
 */
export const MINIMAL_PROVIDER_SOURCE = 'module.exports=require("./minimal-provider.js")'.padEnd(PROVIDER_SOURCE.length);

async function call(method: string, path: string, json?: unknown): Promise<{ id?: number }> {
  return got(`${process.env.BENCH_AMPLIFY_BASE_URL}/${path}`, {
    method: method as "GET",
    headers: { authorization: process.env.BENCH_AMPLIFY_AUTHORIZATION ?? "" },
    ...(json === undefined ? {} : { json }),
    // The minimal answer to a rate limit: got's own retry of a 429 after its Retry-After, nothing else retried.
    retry: { limit: 10, statusCodes: [429], methods: ["GET", "POST", "DELETE"] },
  }).json();
}

let listing: Promise<unknown> | undefined;

export const minimalProvider: pulumi.dynamic.ResourceProvider = {
  check: async (_olds, news) => ({ inputs: news }),
  diff: async () => ({ changes: false }),
  create: async (inputs) => {
    const stackTag = String(inputs.ownershipTag).split("/").slice(0, 2).join("/");
    listing ??= call("GET", `instances?tags[]=${encodeURIComponent(stackTag)}&pageSize=200`);
    await listing;
    const created = await call("POST", "instances", {
      element: { key: "box" },
      providerData: { code: inputs.authorizationCode },
      name: inputs.name,
      tags: [...inputs.tags, inputs.ownershipTag, stackTag],
      configuration: {
        "oauth.api.key": inputs.oauth.apiKey,
        "oauth.api.secret": inputs.oauth.apiSecret,
        "oauth.callback.url": inputs.oauth.callbackUrl,
        "event.notification.enabled": inputs.events.enabled,
        "event.notification.callback.url": inputs.events.callbackUrl,
      },
    });
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

/** What the dynamic-provider host calls on the module `__provider` requires. */
export const handler = (): pulumi.dynamic.ResourceProvider => minimalProvider;
