/**
 * pulumi-amplify-box: Box connector instances on Axway AMPLIFY (Cloud Elements) as Pulumi resources.
 */
export * from "./client/index.js";
export { CONFIG_KEYS } from "./dynamic/connection-config.js";
export { instanceOperations as boxConnectorInstanceProvider } from "./dynamic/instance-operations.js";
export { PROVIDER_SOURCE } from "./dynamic/provider-source.js";
export { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from "./events/verify-webhook-signature.js";
export type { BoxInstanceInputs, BoxInstanceOutputs } from "./mapping/box-instance-state.js";
export {
  BOX_CONNECTOR_INSTANCE_TYPE,
  BoxConnectorInstance,
  type BoxConnectorInstanceArgs,
  type BoxEventsArgs,
  type BoxOAuthArgs,
} from "./resource/box-connector-instance.js";
