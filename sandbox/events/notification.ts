import { randomInt, randomUUID } from "node:crypto";
import { BOX_ELEMENT } from "../box/box-element.js";
import type { SandboxInstance } from "../store/sandbox-instance.js";
import type { BoxChange, BoxEventType, BoxObjectType } from "./box-change.js";

/** The platform sends at most this many events in one webhook notification (docs/amplify-api.md §6). */
export const MAX_EVENTS_PER_NOTIFICATION = 20;

/** One normalized event of a notification, as the platform lists it in `message.events`. */
export interface NotificationEvent {
  readonly objectType: BoxObjectType;
  readonly objectId: string;
  readonly eventType: BoxEventType;
  /** ISO 8601, when the change happened. */
  readonly eventDate: string;
}

/** One webhook notification, ready to POST: the same bytes go out on every attempt. */
export interface Notification {
  readonly eventId: string;
  readonly events: readonly NotificationEvent[];
  /** The exact body; signatures are computed over these bytes. */
  readonly body: Buffer;
}

/**
 * Box's own trigger names for the sandbox's three event types (Box V2 webhooks, docs/amplify-api.md §8). Which Box
 * trigger the platform maps to `UPDATED` is UNVERIFIED; a rename is the commonest update Box reports.
 */
const BOX_TRIGGERS: Readonly<Record<BoxObjectType, Readonly<Record<BoxEventType, string>>>> = {
  file: { CREATED: "FILE.UPLOADED", UPDATED: "FILE.RENAMED", DELETED: "FILE.TRASHED" },
  folder: { CREATED: "FOLDER.CREATED", UPDATED: "FOLDER.RENAMED", DELETED: "FOLDER.TRASHED" },
};

/**
 * The notifications the platform would send for `changes` on `instance`: the platform's body of docs/amplify-api.md §6,
 * `{"message": {eventId, instanceId, elementKey, events, raw}}`, cut into notifications of at most 20 events.
 * `raw` is the Box V2 webhook payload of the change, or `{"type": "webhook_event_batch", "entries": [...]}` when a
 * notification carries several (the platform's `raw` for a batch is UNVERIFIED).
 */
export function buildNotifications(
  instance: SandboxInstance,
  changes: readonly BoxChange[],
  now: Date = new Date(),
): Notification[] {
  const notifications: Notification[] = [];
  for (let start = 0; start < changes.length; start += MAX_EVENTS_PER_NOTIFICATION) {
    const batch = changes.slice(start, start + MAX_EVENTS_PER_NOTIFICATION).map((change) => ({
      objectType: change.objectType,
      objectId: change.objectId ?? newBoxObjectId(),
      eventType: change.eventType,
      eventDate: now.toISOString(),
    }));
    const raws = batch.map((event) => boxWebhookPayload(instance, event));
    const eventId = randomUUID();
    const message = {
      eventId,
      instanceId: instance.id,
      elementKey: BOX_ELEMENT.key,
      events: batch,
      raw: raws.length === 1 ? raws[0] : { type: "webhook_event_batch", entries: raws },
    };
    notifications.push({ eventId, events: batch, body: Buffer.from(JSON.stringify({ message }), "utf8") });
  }
  return notifications;
}

/** What Box itself posts for one change (Box V2 webhook payload, trimmed to the fields receivers use). */
function boxWebhookPayload(instance: SandboxInstance, event: NotificationEvent): Record<string, unknown> {
  return {
    type: "webhook_event",
    id: randomUUID(),
    created_at: event.eventDate,
    trigger: BOX_TRIGGERS[event.objectType][event.eventType],
    webhook: { id: instance.configuration["event.notification.subscription.id"] ?? null, type: "webhook" },
    created_by: { type: "user", id: instance.configuration["oauth.user.id"] ?? null, name: "Sandbox User" },
    source: {
      id: event.objectId,
      type: event.objectType,
      name: event.objectType === "file" ? `sandbox-${event.objectId}.txt` : `sandbox-folder-${event.objectId}`,
    },
  };
}

/** Box file and folder ids are numeric strings of about twelve digits. */
const newBoxObjectId = (): string => String(randomInt(100_000_000_000, 999_999_999_999));
