import { badRequest } from "../protocol/api-error.js";

/** The Box objects the platform watches (the `event.metadata` of a Box instance, docs/amplify-api.md §3.2). */
export const BOX_OBJECT_TYPES = ["file", "folder"] as const;
export type BoxObjectType = (typeof BOX_OBJECT_TYPES)[number];

/** The platform's normalized event types (docs/amplify-api.md §6); `UNKNOWN` is the platform's, never simulated. */
export const BOX_EVENT_TYPES = ["CREATED", "UPDATED", "DELETED"] as const;
export type BoxEventType = (typeof BOX_EVENT_TYPES)[number];

/** One change to simulate in an instance's Box account. */
export interface BoxChange {
  readonly objectType: BoxObjectType;
  readonly eventType: BoxEventType;
  /** The Box id of the file or folder; a random Box-like id when left out. */
  readonly objectId?: string;
}

/** Simulating more than this at once is refused: the sandbox is for tests, not load generation. */
export const MAX_CHANGES_PER_SIMULATION = 200;

/**
 * Reads what `POST /__sandbox/instances/{id}/events` accepts: one change `{objectType, eventType, objectId?}`, an
 * array of them, or `{"changes": [...]}`. Throws the sandbox's 400 naming the first bad field.
 */
export function readBoxChanges(body: unknown): BoxChange[] {
  const list = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.changes) ? body.changes : [body];
  if (list.length === 0) {
    throw badRequest('Send at least one change: {"objectType": "file", "eventType": "CREATED"}');
  }
  if (list.length > MAX_CHANGES_PER_SIMULATION) {
    throw badRequest(`At most ${MAX_CHANGES_PER_SIMULATION} changes can be simulated at once`);
  }
  return list.map((item, index) => readBoxChange(item, list.length === 1 ? "" : `changes[${index}].`));
}

/** Checks one change; the in-process `simulateBoxChange` uses it too, so both doors refuse the same things. */
export function readBoxChange(value: unknown, where = ""): BoxChange {
  if (!isRecord(value)) {
    throw badRequest(`${where || "the body "}must be an object such as {"objectType": "file", "eventType": "CREATED"}`);
  }
  const { objectType, eventType, objectId } = value;
  if (!(BOX_OBJECT_TYPES as readonly unknown[]).includes(objectType)) {
    throw badRequest(
      `${where}objectType must be one of ${BOX_OBJECT_TYPES.join(", ")}; got ${JSON.stringify(objectType)}`,
    );
  }
  if (!(BOX_EVENT_TYPES as readonly unknown[]).includes(eventType)) {
    throw badRequest(
      `${where}eventType must be one of ${BOX_EVENT_TYPES.join(", ")}; got ${JSON.stringify(eventType)}`,
    );
  }
  if (objectId !== undefined && (typeof objectId !== "string" || !/^[\w-]{1,64}$/.test(objectId))) {
    throw badRequest(`${where}objectId must be a Box id: letters, digits, "_" or "-", at most 64`);
  }
  return {
    objectType: objectType as BoxObjectType,
    eventType: eventType as BoxEventType,
    ...(objectId === undefined ? {} : { objectId: objectId as string }),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
