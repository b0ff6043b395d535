import { parseInstanceId } from "../api/instance-lookup.js";
import { readBoxChanges } from "../events/box-change.js";
import type { EventDispatcher } from "../events/event-dispatcher.js";
import { notFound } from "../protocol/api-error.js";
import { type ApiResponse, ok } from "../protocol/api-response.js";
import type { InstanceStore } from "../store/instance-store.js";

/**
 * `POST /__sandbox/instances/{id}/events`: simulates changes and answers once each notification's first attempt
 * has ended, with what happened (`SimulationResult`). 200 even when nothing was sent: `delivered` and `reason` say so.
 */
export async function simulateChanges(
  events: EventDispatcher,
  rawId: string | undefined,
  body: unknown,
): Promise<ApiResponse> {
  const id = parseInstanceId(rawId);
  const changes = readBoxChanges(body);
  return ok(await events.simulate(id, changes));
}

/** `GET /__sandbox/instances/{id}/events`: the deliveries, plus the subscription state the API does not show. */
export function readSubscription(
  events: EventDispatcher,
  store: InstanceStore,
  rawId: string | undefined,
): ApiResponse {
  const id = parseInstanceId(rawId);
  if (store.get(id) === undefined) {
    throw notFound(`No instance found with id ${id}`);
  }
  return ok({ instanceId: id, subscription: events.subscription(id), deliveries: events.deliveries(id) });
}
