import { badRequest } from "../protocol/api-error.js";
import type { ConfigurationValues } from "../store/sandbox-instance.js";
import { BOX_REQUIRED_KEYS } from "./box-element.js";
import { newSubscriptionId } from "./credentials.js";

/**
 * The checks every write runs on the configuration it would leave behind, so that no sequence of PATCHes can reach
 * a state a create would refuse. A missing key is a 400 naming every missing key at once (docs/amplify-api.md §4).
 */
export function checkBoxConfiguration(configuration: ConfigurationValues): void {
  const missing = BOX_REQUIRED_KEYS.filter((key) => isBlank(configuration[key]));
  if (missing.length > 0) {
    throw badRequest(`Missing required configuration for element 'box': ${missing.join(", ")}`);
  }
  if (configuration["event.notification.enabled"] === "true") {
    const url = configuration["event.notification.callback.url"];
    if (!isHttpUrl(url)) {
      throw badRequest(
        "event.notification.callback.url must be an http(s) URL when event.notification.enabled is true" +
          (isBlank(url) ? " (it is missing)" : ` (got ${JSON.stringify(url)})`),
      );
    }
  }
}

/**
 * Turning events on makes the platform subscribe a Box webhook, whose id shows as
 * `event.notification.subscription.id`; turning them off removes it. The 2017 example only shows the `null` of an
 * instance without events; the id when events are on is a sandbox choice (UNVERIFIED).
 */
export function syncEventSubscription(configuration: ConfigurationValues): void {
  const enabled = configuration["event.notification.enabled"] === "true";
  const current = configuration["event.notification.subscription.id"];
  if (enabled && isBlank(current)) {
    configuration["event.notification.subscription.id"] = newSubscriptionId();
  } else if (!enabled) {
    configuration["event.notification.subscription.id"] = null;
  }
}

const isBlank = (value: string | null | undefined): boolean =>
  value === undefined || value === null || value.trim() === "";

function isHttpUrl(value: string | null | undefined): boolean {
  if (value === undefined || value === null) {
    return false;
  }
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
