import type { NotificationEvent } from "./notification.js";

/**
 * Where a delivery stands. `NEW`, `DISPATCHED` and `NOTIFIED` are the platform's (docs/amplify-api.md §3); the platform
 * also shows RECEIVED and CONSUMED for polled events, which a webhook element never reaches. `FAILED` (every
 * attempt failed) and `CANCELLED` (events were turned off, or the instance disabled or deleted, before it got
 * through) are the sandbox's own.
 */
export type DeliveryStatus = "NEW" | "DISPATCHED" | "NOTIFIED" | "FAILED" | "CANCELLED";

/** One POST to the callback URL. */
export interface DeliveryAttempt {
  /** 1 for the first attempt, 2 for the first repeat, and so on. */
  readonly attempt: number;
  /** ISO 8601, when it was sent. */
  readonly date: string;
  /** The callback's status, or `null` when no answer came. */
  readonly httpStatus: number | null;
  /** Why it failed (`HTTP 500`, `ECONNREFUSED`, `no answer within 5000 ms`), or `null` for a success. */
  readonly error: string | null;
  readonly durationMs: number;
}

/** One notification and what became of it: an entry of `GET /instances/{id}/events`. */
export interface EventDelivery {
  /** The log entry's own id, counting up from 900001. */
  readonly id: number;
  /** The notification's `message.eventId`, also sent as `Elements-Webhook-Id`; the same on every attempt. */
  readonly eventId: string;
  readonly instanceId: number;
  readonly elementKey: string;
  status: DeliveryStatus;
  readonly createdDate: string;
  updatedDate: string;
  /** Where the last attempt went, or the next one will go. */
  callbackUrl: string | null;
  /** Whether the last attempt carried `Elements-Webhook-Signature` (the instance had a signature key). */
  signed: boolean;
  readonly events: readonly NotificationEvent[];
  attempts: DeliveryAttempt[];
  /** When the next repeat is due, while one is scheduled. */
  nextAttemptDate: string | null;
  /** Why it is waiting (queued behind an inactive subscription) or why it stopped short of `NOTIFIED`. */
  note: string | null;
}

/** The webhook subscription of one instance, as far as deliveries are concerned. */
export interface SubscriptionState {
  readonly active: boolean;
  /** When the last repeat of a delivery failed and the subscription was deactivated. */
  readonly deactivatedDate: string | null;
  /** Notifications waiting for the subscription to be active again. */
  readonly queued: number;
}

/** What simulating a change did. */
export interface SimulationResult {
  readonly instanceId: number;
  /** True when every notification was answered with a 2xx on its first attempt. */
  readonly delivered: boolean;
  /** Why nothing was sent, when nothing was: events off, instance disabled, subscription inactive. */
  readonly reason: string | null;
  /** The notifications made, as they stand after their first attempt (none when events are off). */
  readonly deliveries: EventDelivery[];
}
