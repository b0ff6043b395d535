/**
 * A local stand-in for the AMPLIFY / Cloud Elements `/instances` API (see docs/amplify-api.md), for tests, the demo
 * and users. It never imports the provider: it imitates the platform, not the client.
 */

export { ADMIN_PATH, BASE_PATH } from "./base-path.js";
export { BOX_ELEMENT } from "./box/box-element.js";
export type { FaultKind, FaultRule, FaultSwitches } from "./faults/fault-rule.js";
export { FAULT_KINDS } from "./faults/fault-rule.js";
export type { RecordedRequest } from "./http/request-log.js";
export type { SandboxOptions } from "./options.js";
export { SANDBOX_USER_ID, type Sandbox, startSandbox } from "./start-sandbox.js";
export type { ConfigurationValues, ExternalAuthentication, SandboxInstance } from "./store/sandbox-instance.js";
export { MASKED_CONFIGURATION_KEYS, MASKED_VALUE } from "./store/secrets.js";
