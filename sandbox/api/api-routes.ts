import type { ApiHandler } from "./api-call.js";
import { Router } from "./router.js";
import { createInstance } from "./routes/create-instance.js";
import { listConfiguration, patchConfigurationEntry, readConfigurationEntry } from "./routes/instance-configuration.js";
import { disableInstance, enableInstance } from "./routes/instance-enabled.js";
import { listInstanceEvents } from "./routes/instance-events.js";
import { listInstances } from "./routes/list-instances.js";
import { readOAuthUrl } from "./routes/oauth-url.js";
import { deleteInstance, readInstance } from "./routes/read-delete-instance.js";
import { patchInstance, putInstance } from "./routes/update-instance.js";

/** The `/instances` API of docs/amplify-api.md §3 and the OAuth URL of §7, relative to the base path `/elements/api-v2`. */
export function createApiRoutes(): Router<ApiHandler> {
  return new Router<ApiHandler>()
    .on("GET", "/instances", listInstances)
    .on("POST", "/instances", createInstance)
    .on("GET", "/instances/{id}", readInstance)
    .on("PATCH", "/instances/{id}", patchInstance)
    .on("PUT", "/instances/{id}", putInstance)
    .on("DELETE", "/instances/{id}", deleteInstance)
    .on("GET", "/instances/{id}/configuration", listConfiguration)
    .on("GET", "/instances/{id}/configuration/{configId}", readConfigurationEntry)
    .on("PATCH", "/instances/{id}/configuration/{configId}", patchConfigurationEntry)
    .on("PUT", "/instances/{id}/enabled", enableInstance)
    .on("DELETE", "/instances/{id}/enabled", disableInstance)
    .on("GET", "/instances/{id}/events", listInstanceEvents)
    .on("GET", "/elements/{key}/oauth/url", readOAuthUrl);
}
