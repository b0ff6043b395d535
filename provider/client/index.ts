export * from "./amplify-error.js";
export * from "./connection-settings.js";
export * from "./instance-types.js";
export * from "./instances-client.js";
export * from "./oauth-url-client.js";
export { REDACTED, redact, registerSecrets } from "./redact.js";
export * from "./retry-policy.js";
