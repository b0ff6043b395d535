/**
 * pulumi-amplify-box: Box connector instances on Axway AMPLIFY (Cloud Elements) as Pulumi resources.
 */
export * from "./client/index.js";
export { boxConnectorInstanceProvider } from "./dynamic/box-connector-instance-provider.js";
export { CONFIG_KEYS } from "./dynamic/connection-config.js";
export { verifyWebhookSignature } from "./events/verify-webhook-signature.js";
export type { BoxInstanceInputs, BoxInstanceOutputs } from "./mapping/box-instance-state.js";
export {
  BoxConnectorInstance,
  type BoxConnectorInstanceArgs,
  type BoxEventsArgs,
  type BoxOAuthArgs,
} from "./resource/box-connector-instance.js";
