import type { ConfigurationValue, InstanceCreateBody } from "../client/instance-types.js";
import type { BoxInstanceInputs } from "./box-instance-state.js";
import { CONFIG } from "./configuration-keys.js";
import { stackTagOf } from "./ownership-tag.js";

export const BOX_ELEMENT_KEY = "box";

/**
 * The body of `POST /instances` for Box, in the shape of the Box Events page (docs/amplify-api.md §3.1). Only the keys
 * that are set are sent; the ownership tags are added to the user's tags.
 */
export function toCreateBody(inputs: BoxInstanceInputs): InstanceCreateBody {
  return {
    element: { key: BOX_ELEMENT_KEY },
    ...(inputs.authorizationCode === undefined ? {} : { providerData: { code: inputs.authorizationCode } }),
    // Provisioning with an existing refresh token skips the browser step (docs/amplify-api.md §3.1).
    ...(inputs.refreshToken === undefined ? {} : { externalAuthentication: "initial" as const }),
    configuration: {
      ...desiredConfiguration(inputs),
      ...(inputs.refreshToken === undefined ? {} : { [CONFIG.refreshToken]: inputs.refreshToken }),
    },
    tags: desiredTags(inputs),
    name: inputs.name ?? "",
  };
}

/** Every configuration key the inputs determine, with the value to send. Unset optional keys are left out. */
export function desiredConfiguration(inputs: BoxInstanceInputs): Record<string, ConfigurationValue> {
  const configuration: Record<string, ConfigurationValue> = {
    [CONFIG.callbackUrl]: inputs.oauth.callbackUrl,
    [CONFIG.apiKey]: inputs.oauth.apiKey,
    [CONFIG.apiSecret]: inputs.oauth.apiSecret,
  };
  if (inputs.events !== undefined) {
    configuration[CONFIG.eventsEnabled] = inputs.events.enabled ?? false;
    if (inputs.events.callbackUrl !== undefined) {
      configuration[CONFIG.eventsCallbackUrl] = inputs.events.callbackUrl;
    }
    if (inputs.events.signatureKey !== undefined) {
      configuration[CONFIG.signatureKey] = inputs.events.signatureKey;
    }
  }
  return { ...configuration, ...inputs.configuration };
}

/** The user's tags, in the user's order, then the ownership tags (the resource's and its stack's). */
export function desiredTags(inputs: {
  readonly tags?: readonly string[] | undefined;
  readonly ownershipTag?: string | undefined;
}): string[] {
  const tags = [...(inputs.tags ?? [])];
  if (inputs.ownershipTag !== undefined) {
    tags.push(inputs.ownershipTag);
    const stackTag = stackTagOf(inputs.ownershipTag);
    if (stackTag !== undefined) {
      tags.push(stackTag);
    }
  }
  return tags;
}
