/**
 * A local stand-in for the AMPLIFY / Cloud Elements `/instances` API (see docs/amplify-api.md), for tests, the demo
 * and users. It never imports the provider: it imitates the platform, not the client.
 */

export {
  AUTHORIZE_OUTCOMES,
  AUTHORIZE_PAGE_PATH,
  type AuthorizeOutcome,
  type AuthorizeSwitches,
} from "./box/box-authorize.js";
export { BOX_ELEMENT } from "./box/box-element.js";
export {
  BOX_EVENT_TYPES,
  BOX_OBJECT_TYPES,
  type BoxChange,
  type BoxEventType,
  type BoxObjectType,
} from "./events/box-change.js";
export type {
  DeliveryAttempt,
  DeliveryStatus,
  EventDelivery,
  SimulationResult,
  SubscriptionState,
} from "./events/event-delivery.js";
export { MAX_EVENTS_PER_NOTIFICATION, type NotificationEvent } from "./events/notification.js";
export { eventRetryDelayMs } from "./events/retry-schedule.js";
export { SIGNATURE_HEADER, WEBHOOK_ID_HEADER } from "./events/webhook-signature.js";
export type { FaultKind, FaultRule, FaultSwitches } from "./faults/fault-rule.js";
export { FAULT_KINDS } from "./faults/fault-rule.js";
export type { RecordedRequest } from "./http/request-log.js";
export type { SandboxOptions } from "./options.js";
export {
  describePlatformVariant,
  PLATFORM_SWITCHES,
  PLATFORM_VARIANT_CHOICES,
  type PlatformSwitch,
  type PlatformVariant,
  platformVariants,
  STRICTEST_PLATFORM,
} from "./platform/platform-variant.js";
export { ADMIN_PATH, BASE_PATH } from "./protocol/base-path.js";
export { SANDBOX_USER_ID, type Sandbox, startSandbox } from "./start-sandbox.js";
export type { ConfigurationValues, ExternalAuthentication, SandboxInstance } from "./store/sandbox-instance.js";
export { isMaskedKey, MASKED_VALUE, type Masking, SECRET_CONFIGURATION_KEYS } from "./store/secrets.js";
