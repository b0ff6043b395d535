import { ok } from "../../protocol/api-response.js";
import type { ApiHandler } from "../api-call.js";
import { parseInstanceId, requireInstance } from "../instance-lookup.js";

/**
 * `GET /instances/{id}/events`: the instance's event log (docs/amplify-api.md §3), one entry per webhook notification
 * the sandbox made for it, oldest first, with its status (`NEW`, `DISPATCHED`, `NOTIFIED`, or the sandbox's own
 * `FAILED` and `CANCELLED`) and every attempt. Empty until a change is simulated (`POST /__sandbox/instances/{id}/events`).
 */
export const listInstanceEvents: ApiHandler = (call, state) => {
  const instance = requireInstance(state, parseInstanceId(call.params.id));
  return ok(state.events.deliveries(instance.id));
};
