import * as pulumi from "@pulumi/pulumi";
import { BoxConnectorInstance, type BoxConnectorInstanceArgs } from "../provider/resource/box-connector-instance.js";
import type { DesiredInstance, DesiredState } from "./desired-state.js";
import { resolveSecrets, type SecretResolver } from "./resolve-secrets.js";

/** What the stack exports for one instance. */
export interface DeclaredInstance {
  /** The AMPLIFY instance id, a decimal string. */
  readonly id: pulumi.Output<string>;
  /** The instance name as AMPLIFY stores it. */
  readonly name: pulumi.Output<string>;
  /** Secret. The instance token. */
  readonly token: pulumi.Output<string>;
}

export interface DeclaredInstances {
  /** Logical name → `{ id, name, token }`, the token secret. */
  readonly instances: Record<string, DeclaredInstance>;
  /** Logical name → instance id. */
  readonly instanceIds: Record<string, pulumi.Output<string>>;
  /** Logical name → the resource, for programs that depend on it. */
  readonly resources: Record<string, BoxConnectorInstance>;
}

/**
 * Declares one `BoxConnectorInstance` per instance of a loaded desired state, named by its logical name. Every
 * `{ secret: key }` is looked up first: a missing one throws a `DesiredStateError` (listing all of them) before any
 * resource is declared.
 */
export function declareInstances(
  state: DesiredState,
  config: pulumi.Config = new pulumi.Config(),
  resourceOptions: pulumi.CustomResourceOptions = {},
): DeclaredInstances {
  const secretOf = resolveSecrets(state, config);
  const instances: Record<string, DeclaredInstance> = {};
  const instanceIds: Record<string, pulumi.Output<string>> = {};
  const resources: Record<string, BoxConnectorInstance> = {};
  for (const desired of state.instances) {
    const resource = new BoxConnectorInstance(desired.logicalName, toArgs(desired, secretOf), resourceOptions);
    resources[desired.logicalName] = resource;
    instanceIds[desired.logicalName] = resource.id;
    instances[desired.logicalName] = {
      id: resource.id,
      name: resource.name,
      // The resource marks its token secret through additionalSecretOutputs; this keeps the stack output secret
      // even where that option is not applied (mocks) or is lost on the way.
      token: pulumi.secret(resource.token),
    };
  }
  return { instances, instanceIds, resources };
}

export function toArgs(desired: DesiredInstance, secretOf: SecretResolver): BoxConnectorInstanceArgs {
  const { events } = desired;
  return {
    ...(desired.name === undefined ? {} : { name: desired.name }),
    ...(desired.authorizationCode === undefined ? {} : { authorizationCode: secretOf(desired.authorizationCode) }),
    ...(desired.refreshToken === undefined ? {} : { refreshToken: secretOf(desired.refreshToken) }),
    oauth: {
      apiKey: desired.oauth.apiKey,
      apiSecret: secretOf(desired.oauth.apiSecret),
      callbackUrl: desired.oauth.callbackUrl,
    },
    ...(events === undefined
      ? {}
      : {
          events: {
            enabled: events.enabled,
            ...(events.callbackUrl === undefined ? {} : { callbackUrl: events.callbackUrl }),
            ...(events.signatureKey === undefined ? {} : { signatureKey: secretOf(events.signatureKey) }),
          },
        }),
    ...(desired.tags === undefined ? {} : { tags: [...desired.tags] }),
    ...(desired.configuration === undefined ? {} : { configuration: { ...desired.configuration } }),
    ...(desired.adopt === undefined ? {} : { adoptInstanceId: desired.adopt }),
  };
}
