/**
 * The least any dynamic provider can cost through the host: a provider that makes exactly the raw requests (POST,
 * GET, PATCH, DELETE) with got and maps nothing. Run in the same host process as the real provider (the host keys
 * providers by their serialized text), it shows what the dynamic-provider host and its gRPC hop add by themselves,
 * so that the remainder is the provider's own share.
 */
import type * as pulumi from "@pulumi/pulumi";

interface FloorSettings {
  baseUrl: string;
  authorization: string;
}

interface FloorProvider extends pulumi.dynamic.ResourceProvider {
  settings?: FloorSettings;
}

export const hostFloorProvider: FloorProvider = {
  async configure(this: FloorProvider, request: pulumi.dynamic.ConfigureRequest) {
    const value = (key: string) => request.config.get(key) ?? "";
    this.settings = {
      baseUrl: value("amplify:baseUrl"),
      authorization: `User ${value("amplify:userSecret")}, Organization ${value("amplify:organizationSecret")}`,
    };
  },
  async create(this: FloorProvider, inputs: Record<string, unknown>) {
    const body = await request(this, "POST", "instances", inputs.__createBody);
    return { id: String((body as { id: number }).id), outs: {} };
  },
  async read(this: FloorProvider, id: string, props?: Record<string, unknown>) {
    await request(this, "GET", `instances/${id}`);
    return { id, props: props ?? {} };
  },
  async update(this: FloorProvider, id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    await request(this, "PATCH", `instances/${id}`, news.__patchBody);
    return { outs: olds };
  },
  async delete(this: FloorProvider, id: string) {
    await request(this, "DELETE", `instances/${id}`);
  },
};

async function request(provider: FloorProvider, method: string, path: string, json?: unknown): Promise<unknown> {
  const settings = provider.settings as FloorSettings;
  const got = (require("got") as typeof import("got")).default;
  return got(`${settings.baseUrl}/${path}`, {
    method: method as "GET",
    headers: { authorization: settings.authorization, accept: "application/json" },
    ...(json === undefined ? {} : { json }),
    responseType: "json",
    retry: { limit: 0 },
  }).json();
}

/** `__provider` for the floor provider. */
export async function hostFloorProviderText(): Promise<string> {
  const pulumi = await import("@pulumi/pulumi");
  return (await pulumi.runtime.serializeFunction(() => hostFloorProvider, { allowSecrets: true })).text;
}
