import type { ApiResponse } from "../../protocol/api-response.js";
import type { ApiHandler, SandboxState } from "../api-call.js";
import { parseInstanceId, requireInstance } from "../instance-lookup.js";
import { commitUpdate } from "../instance-writes.js";

/**
 * `PUT /instances/{id}/enabled` enables, `DELETE` disables (docs/amplify-api.md §3). Both answer the whole instance, so
 * a client sees `disabled` flip without another read (the platform's answer body is UNVERIFIED).
 */
export const enableInstance: ApiHandler = (call, state) => setDisabled(call.params.id, state, false);

export const disableInstance: ApiHandler = (call, state) => setDisabled(call.params.id, state, true);

function setDisabled(rawId: string | undefined, state: SandboxState, disabled: boolean): ApiResponse {
  const instance = requireInstance(state, parseInstanceId(rawId));
  return commitUpdate(state, { ...instance, disabled });
}
