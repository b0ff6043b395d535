/**
 * `pulumi-amplify-box`: Box connector instances on Axway AMPLIFY (Cloud Elements) as Pulumi resources.
 *
 * The public API is this list and the subpaths in package.json (`/desired-state`, `/sandbox`, `/webhooks`); the
 * README's "API" section names every export, and test/repository/public-api.test.ts fails when one appears or
 * disappears without the README saying so. Everything else under dist/ is internal.
 */
export {
  BOX_CONNECTOR_INSTANCE_TYPE,
  BoxConnectorInstance,
  type BoxConnectorInstanceArgs,
  type BoxEventsArgs,
  type BoxOAuthArgs,
} from "./resource/box-connector-instance.js";
