import { BOX_ELEMENT } from "../box/box-element.js";
import { badRequest, notFound } from "../protocol/api-error.js";
import type { InstanceStore } from "../store/instance-store.js";
import type { SandboxInstance } from "../store/sandbox-instance.js";
import type { BoxChange } from "./box-change.js";
import type { EventDelivery, SimulationResult, SubscriptionState } from "./event-delivery.js";
import { buildNotifications, type Notification } from "./notification.js";
import { postNotification } from "./post-notification.js";
import { type EventRetrySchedule, eventRetryDelayMs } from "./retry-schedule.js";
import { SIGNATURE_HEADER, signWebhookBody, WEBHOOK_ID_HEADER } from "./webhook-signature.js";

export interface EventDispatcherSettings extends EventRetrySchedule {
  /** Time allowed for one POST to the callback URL. */
  readonly deliveryTimeoutMs: number;
  /** Called after every attempt with the delivery as it stands (a copy); the CLI prints a line from it. */
  readonly onAttempt?: ((delivery: EventDelivery) => void) | undefined;
}

const FIRST_DELIVERY_ID = 900001;

interface DeliveryRecord {
  readonly view: EventDelivery;
  readonly body: Buffer;
  timer: NodeJS.Timeout | undefined;
}

interface Deactivation {
  readonly callbackUrl: string | null;
  readonly subscriptionId: string | null;
  readonly date: string;
}

/**
 * Sends the platform's webhook notifications for simulated Box changes, repeats failed ones on the platform's
 * `4^x` schedule (on a faster clock), and keeps the event log that `GET /instances/{id}/events` shows.
 *
 * Every attempt reads the instance afresh: it goes to the callback URL configured at that moment, signed with the
 * signature key of that moment, and it does not happen at all once events are off or the instance is disabled or
 * gone. After the last repeat fails, the instance's subscription is inactive (as the platform deactivates it):
 * new changes queue as `NEW` until the subscription changes (another callback URL, or events turned off and on),
 * and are then sent ahead of the next change.
 */
export class EventDispatcher {
  readonly #store: InstanceStore;
  readonly #settings: EventDispatcherSettings;
  readonly #records: DeliveryRecord[] = [];
  readonly #queued = new Map<number, DeliveryRecord[]>();
  readonly #inactive = new Map<number, Deactivation>();
  readonly #pending = new Set<DeliveryRecord>();
  readonly #settledWaiters: Array<() => void> = [];
  readonly #shutdown = new AbortController();
  #nextId = FIRST_DELIVERY_ID;

  constructor(store: InstanceStore, settings: EventDispatcherSettings) {
    this.#store = store;
    this.#settings = settings;
  }

  /**
   * Simulates `changes` in the Box account of instance `instanceId` and resolves once the first attempt of each
   * notification has ended; repeats happen later. Throws the sandbox's 404 for an unknown instance.
   */
  async simulate(instanceId: number, changes: readonly BoxChange[]): Promise<SimulationResult> {
    const instance = this.#store.get(instanceId);
    if (instance === undefined) {
      throw notFound(`No instance found with id ${instanceId}`);
    }
    if (changes.length === 0) {
      throw badRequest("Simulate at least one change");
    }
    const refusal = whyNotDeliverable(instance, instanceId);
    if (refusal !== undefined) {
      // With events off the subscription is gone, and what queued behind it goes with it.
      for (const record of this.#queued.get(instanceId) ?? []) {
        this.#finish(record, "CANCELLED", refusal);
      }
      this.#queued.delete(instanceId);
      return { instanceId, delivered: false, reason: refusal, deliveries: [] };
    }
    const records = buildNotifications(instance, changes).map((notification) => this.#record(instance, notification));
    if (this.#isInactive(instance)) {
      const reason =
        `the webhook subscription of instance ${instanceId} is inactive since every repeat of a delivery failed; ` +
        "changes queue until the callback URL changes or events are turned off and on";
      const queue = this.#queued.get(instanceId) ?? [];
      for (const record of records) {
        record.view.note = "queued: the subscription is inactive";
        queue.push(record);
      }
      this.#queued.set(instanceId, queue);
      return { instanceId, delivered: false, reason, deliveries: records.map(copyView) };
    }
    const backlog = this.#queued.get(instanceId) ?? [];
    this.#queued.delete(instanceId);
    await Promise.all([...backlog, ...records].map((record) => this.#attempt(record)));
    return {
      instanceId,
      delivered: records.every((record) => record.view.status === "NOTIFIED"),
      reason: null,
      deliveries: records.map(copyView),
    };
  }

  /** The event log of one instance (or of all), oldest first; copies. */
  deliveries(instanceId?: number): EventDelivery[] {
    return this.#records
      .filter((record) => instanceId === undefined || record.view.instanceId === instanceId)
      .map(copyView);
  }

  subscription(instanceId: number): SubscriptionState {
    const instance = this.#store.get(instanceId);
    const deactivation = this.#inactive.get(instanceId);
    return {
      active: instance === undefined || !this.#isInactive(instance),
      deactivatedDate: deactivation?.date ?? null,
      queued: this.#queued.get(instanceId)?.length ?? 0,
    };
  }

  /** Resolves once no attempt is in flight or scheduled (queued notifications do not count). */
  settled(): Promise<void> {
    if (this.#pending.size === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#settledWaiters.push(resolve));
  }

  /** Stops every scheduled repeat and aborts attempts in flight. */
  close(): void {
    this.#shutdown.abort();
    for (const record of this.#pending) {
      clearTimeout(record.timer);
    }
    this.#pending.clear();
    this.#notifySettled();
  }

  #record(instance: SandboxInstance, notification: Notification): DeliveryRecord {
    const now = new Date().toISOString();
    const record: DeliveryRecord = {
      body: notification.body,
      timer: undefined,
      view: {
        id: this.#nextId++,
        eventId: notification.eventId,
        instanceId: instance.id,
        elementKey: BOX_ELEMENT.key,
        status: "NEW",
        createdDate: now,
        updatedDate: now,
        callbackUrl: instance.configuration["event.notification.callback.url"] ?? null,
        signed: false,
        events: notification.events,
        attempts: [],
        nextAttemptDate: null,
        note: null,
      },
    };
    this.#records.push(record);
    return record;
  }

  async #attempt(record: DeliveryRecord): Promise<void> {
    const { view } = record;
    record.timer = undefined;
    if (this.#shutdown.signal.aborted) {
      return;
    }
    const instance = this.#store.get(view.instanceId);
    const refusal = whyNotDeliverable(instance, view.instanceId);
    const callbackUrl = instance?.configuration["event.notification.callback.url"];
    if (refusal !== undefined || instance === undefined || callbackUrl === undefined || callbackUrl === null) {
      this.#finish(record, "CANCELLED", refusal ?? "the instance has no callback URL");
      return;
    }
    const key = instance.configuration["event.notification.signature.key"];
    const headers: Record<string, string> = {
      [WEBHOOK_ID_HEADER]: view.eventId,
      "user-agent": "amplify-sandbox-events",
    };
    if (key !== undefined && key !== null && key !== "") {
      headers[SIGNATURE_HEADER] = signWebhookBody(key, record.body);
    }
    this.#pending.add(record);
    view.status = "DISPATCHED";
    view.callbackUrl = callbackUrl;
    view.signed = SIGNATURE_HEADER in headers;
    view.nextAttemptDate = null;
    view.note = null;
    const date = new Date();
    const started = performance.now();
    const outcome = await postNotification(new URL(callbackUrl), record.body, {
      headers,
      timeoutMs: this.#settings.deliveryTimeoutMs,
      signal: this.#shutdown.signal,
    });
    const succeeded = outcome.kind === "answered" && outcome.status >= 200 && outcome.status < 300;
    view.attempts.push({
      attempt: view.attempts.length + 1,
      date: date.toISOString(),
      httpStatus: outcome.kind === "answered" ? outcome.status : null,
      error: succeeded ? null : outcome.kind === "answered" ? `HTTP ${outcome.status}` : outcome.error,
      durationMs: Math.round(performance.now() - started),
    });
    view.updatedDate = new Date().toISOString();
    if (this.#shutdown.signal.aborted) {
      this.#pending.delete(record);
      return;
    }
    this.#settle(record, succeeded, callbackUrl, instance);
    this.#settings.onAttempt?.(copyView(record));
  }

  /** After an attempt: done, repeated later, or, after the last repeat, failed with the subscription deactivated. */
  #settle(record: DeliveryRecord, succeeded: boolean, callbackUrl: string, instance: SandboxInstance): void {
    const { view } = record;
    if (succeeded) {
      this.#finish(record, "NOTIFIED", null);
      return;
    }
    const delayMs = eventRetryDelayMs(this.#settings, view.attempts.length);
    if (delayMs === undefined) {
      this.#inactive.set(view.instanceId, {
        callbackUrl,
        subscriptionId: instance.configuration["event.notification.subscription.id"] ?? null,
        date: view.updatedDate,
      });
      this.#finish(
        record,
        "FAILED",
        `every attempt failed; the subscription of instance ${view.instanceId} is inactive`,
      );
      return;
    }
    view.nextAttemptDate = new Date(Date.now() + delayMs).toISOString();
    record.timer = setTimeout(() => void this.#attempt(record), delayMs);
    // A sandbox left open by a test must not keep the process alive for a repeat due in an hour.
    record.timer.unref();
  }

  #finish(record: DeliveryRecord, status: "NOTIFIED" | "FAILED" | "CANCELLED", note: string | null): void {
    record.view.status = status;
    record.view.note = note;
    record.view.nextAttemptDate = null;
    record.view.updatedDate = new Date().toISOString();
    this.#pending.delete(record);
    this.#notifySettled();
  }

  #notifySettled(): void {
    if (this.#pending.size > 0) {
      return;
    }
    for (const resolve of this.#settledWaiters.splice(0)) {
      resolve();
    }
  }

  /** Inactive until the subscription the failures happened on is replaced; then the deactivation is forgotten. */
  #isInactive(instance: SandboxInstance): boolean {
    const deactivation = this.#inactive.get(instance.id);
    if (deactivation === undefined) {
      return false;
    }
    const same =
      deactivation.callbackUrl === (instance.configuration["event.notification.callback.url"] ?? null) &&
      deactivation.subscriptionId === (instance.configuration["event.notification.subscription.id"] ?? null);
    if (!same) {
      this.#inactive.delete(instance.id);
    }
    return same;
  }
}

/** Why the platform would send nothing for this instance, or `undefined` when it would. */
function whyNotDeliverable(instance: SandboxInstance | undefined, instanceId: number): string | undefined {
  if (instance === undefined) {
    return `instance ${instanceId} no longer exists`;
  }
  if (instance.configuration["event.notification.enabled"] !== "true") {
    return `events are disabled on instance ${instanceId} (event.notification.enabled is false): nothing was sent`;
  }
  if (instance.disabled) {
    return `instance ${instanceId} is disabled: nothing was sent`;
  }
  return undefined;
}

const copyView = (record: DeliveryRecord): EventDelivery => structuredClone(record.view);
