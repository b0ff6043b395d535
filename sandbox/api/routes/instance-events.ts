import type { ApiHandler } from "../api-call.js";
import { ok } from "../api-response.js";
import { parseInstanceId, requireInstance } from "../instance-lookup.js";

/**
 * `GET /instances/{id}/events`: the instance's event log (amplify-api.md §3). The sandbox does not deliver events
 * yet (issue 6), so the log is always empty; the route exists so that clients can already call it.
 */
export const listInstanceEvents: ApiHandler = (call, state) => {
  requireInstance(state, parseInstanceId(call.params.id));
  return ok([]);
};
