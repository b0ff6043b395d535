import type { ApiHandler } from "../api-call.js";
import { Router } from "../router.js";
import { createInstance } from "./create-instance.js";
import { listConfiguration, patchConfigurationEntry, readConfigurationEntry } from "./instance-configuration.js";
import { disableInstance, enableInstance } from "./instance-enabled.js";
import { listInstanceEvents } from "./instance-events.js";
import { listInstances } from "./list-instances.js";
import { readOAuthUrl } from "./oauth-url.js";
import { deleteInstance, readInstance } from "./read-delete-instance.js";
import { patchInstance, putInstance } from "./update-instance.js";

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
