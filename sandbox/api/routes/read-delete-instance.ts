import { ok } from "../../protocol/api-response.js";
import type { ApiHandler } from "../api-call.js";
import { viewInstance } from "../instance-answer.js";
import { parseInstanceId, requireInstance } from "../instance-lookup.js";

/** `GET /instances/{id}`: the whole instance, token included (docs/amplify-api.md §3). */
export const readInstance: ApiHandler = (call, state) => {
  const instance = requireInstance(state, parseInstanceId(call.params.id));
  return ok(viewInstance(state, instance));
};

/**
 * `DELETE /instances/{id}`: 200 on success (docs/amplify-api.md §3) with an empty JSON object, so that a client that
 * always parses the body does not trip on an empty one; 404 for an id that is not (or no longer) there.
 */
export const deleteInstance: ApiHandler = (call, state) => {
  const id = parseInstanceId(call.params.id);
  requireInstance(state, id);
  state.store.delete(id);
  return ok({});
};
