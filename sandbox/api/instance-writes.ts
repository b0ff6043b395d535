import { definitionOf } from "../box/box-element.js";
import { syncEventSubscription } from "../box/box-rules.js";
import { toInstanceView } from "../store/instance-view.js";
import type { ConfigurationValues, SandboxInstance } from "../store/sandbox-instance.js";
import { nextUpdatedDate } from "../store/timestamps.js";
import type { SandboxState } from "./api-call.js";
import { type ApiResponse, ok } from "./api-response.js";
import { type Authentication, applyAuthentication } from "./authentication.js";

/**
 * Writes `values` into `configuration`. `null` unsets: a key Box defines stays, as `null` (that is how the platform
 * shows an unset key, §3.2); a pass-through key the client made up disappears.
 */
export function mergeConfiguration(configuration: ConfigurationValues, values: ConfigurationValues): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === null && definitionOf(key) === undefined) {
      delete configuration[key];
    } else {
      configuration[key] = value;
    }
  }
}

/**
 * The end of every update: re-authenticates when asked (spending the code only now, after all checks passed),
 * keeps the webhook subscription in step with the events switch, moves `updatedDate`, stores, and answers with the
 * whole instance. The instance id and token stay the same (the token is a sandbox choice, amplify-api.md §3.2).
 */
export function commitUpdate(state: SandboxState, next: SandboxInstance, authentication?: Authentication): ApiResponse {
  if (authentication !== undefined) {
    next.externalAuthentication = applyAuthentication(state.oauth, authentication, next.configuration);
    next.valid = true;
  }
  syncEventSubscription(next.configuration);
  next.updatedDate = nextUpdatedDate(next.updatedDate);
  state.store.put(next);
  return ok(toInstanceView(next, { maskSecrets: state.settings.maskSecrets }));
}
