import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_SOURCE } from "../dynamic/provider-source.js";
import type { InstanceStatus } from "../mapping/box-instance-state.js";
import { CONFIG, PLATFORM_DEFAULTS } from "../mapping/configuration-keys.js";
import { ownershipTagFor } from "../mapping/ownership-tag.js";
import { BOX_ELEMENT_KEY } from "../mapping/to-create-body.js";

/** The Box OAuth app the instance authenticates with (docs/amplify-api.md §3.1). */
export interface BoxOAuthArgs {
  /**
   * The Client ID of the Box app (`oauth.api.key`). Not secret.
   * Change: in place, and only together with a fresh `authorizationCode` issued for the new app.
   */
  readonly apiKey: pulumi.Input<string>;
  /** Secret. The Client Secret of the Box app (`oauth.api.secret`). Change: in place. */
  readonly apiSecret: pulumi.Input<string>;
  /** The redirect URI registered in the Box app (`oauth.callback.url`), an http(s) URL. Change: in place. */
  readonly callbackUrl: pulumi.Input<string>;
}

/** Webhook (event) settings (docs/amplify-api.md §5). */
export interface BoxEventsArgs {
  /** Whether AMPLIFY posts Box events to `callbackUrl` (`event.notification.enabled`). Default `false`. In place. */
  readonly enabled?: pulumi.Input<boolean>;
  /** The http(s) URL events are posted to; required when `enabled`. In place. */
  readonly callbackUrl?: pulumi.Input<string>;
  /**
   * Secret. Optional HMAC key: deliveries then carry `Elements-Webhook-Signature` (docs/amplify-api.md §6). In place;
   * removing it unsets it.
   */
  readonly signatureKey?: pulumi.Input<string>;
}

export interface BoxConnectorInstanceArgs {
  /**
   * The AMPLIFY instance name. Default: the logical name plus a random suffix, chosen once and kept. In place.
   * Must not contain HTML markup (AMPLIFY strips it).
   */
  readonly name?: pulumi.Input<string>;
  /**
   * Secret. The OAuth authorization grant code from Box (`providerData.code`), single use and short-lived.
   * Required unless `adoptInstanceId` is set. Sent on create; a new value re-authenticates the same instance in
   * place (same id).
   */
  readonly authorizationCode?: pulumi.Input<string>;
  /**
   * Secret. An existing Box OAuth refresh token, to provision without the browser step
   * (`externalAuthentication: "initial"`, docs/amplify-api.md §3.1). Use instead of `authorizationCode`. A new value is
   * set on the same instance in place.
   */
  readonly refreshToken?: pulumi.Input<string>;
  /** The Box OAuth app. Required. */
  readonly oauth: BoxOAuthArgs;
  /** Webhook settings. Default: events off. */
  readonly events?: BoxEventsArgs;
  /** User-defined tags; the list replaces the instance's tags. Default none. In place. */
  readonly tags?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Further configuration keys, passed through as given (e.g. `filter.response.nulls`). Keys a typed input manages
   * and secret-looking keys are refused. In place; a key removed from here is reset on the instance.
   */
  readonly configuration?: pulumi.Input<Record<string, pulumi.Input<string | number | boolean>>>;
  /**
   * Take over an existing instance (decimal id) instead of creating one: create reads it and converges it to these
   * inputs. Dynamic resources cannot use `pulumi import`, so this is the way in. Removing it later changes
   * nothing; pointing it at another id replaces (the old instance is deleted first).
   */
  readonly adoptInstanceId?: pulumi.Input<string>;
}

/** The type token: `pulumi-nodejs:dynamic/…` makes the engine run it in @pulumi/pulumi's dynamic-provider host. */
export const BOX_CONNECTOR_INSTANCE_TYPE = "pulumi-nodejs:dynamic/amplify:BoxConnectorInstance";

/**
 * A Box connector instance on Axway AMPLIFY (Cloud Elements), with its webhook settings.
 * Type token `pulumi-nodejs:dynamic/amplify:BoxConnectorInstance`.
 *
 * A dynamic resource registered the way `pulumi.dynamic.Resource` registers one (same type-token prefix, provider in
 * `__provider`), except that `__provider` is a fixed, small module text instead of a serialized closure; see
 * provider/dynamic/provider-source.ts for why.
 */
export class BoxConnectorInstance extends pulumi.CustomResource {
  /** Secret. The instance token, for `Element <token>` calls. */
  declare public readonly token: pulumi.Output<string>;
  /** The instance name as AMPLIFY stores it. */
  declare public readonly name: pulumi.Output<string>;
  /** The user's tags as AMPLIFY stores them. */
  declare public readonly tags: pulumi.Output<string[]>;
  /**
   * The configuration this resource manages, as AMPLIFY holds it (strings): `oauth.api.key`, `oauth.callback.url`,
   * `event.notification.enabled`, `event.notification.callback.url` and the pass-through keys; unset keys left out.
   * Never secrets, nor the keys the platform writes for itself.
   */
  declare public readonly configuration: pulumi.Output<Record<string, string | null>>;
  /**
   * What AMPLIFY reports of the instance's state, recorded as one output: the SDK spends four stack traces on every
   * output a resource registers, per resource, so `createdDate`, `valid` and `disabled` read this one.
   */
  declare private readonly status: pulumi.Output<InstanceStatus | undefined>;

  // Derived on first use rather than stored or registered: state keeps nothing it can derive, and an output nobody
  // reads costs nothing (BENCHMARKS.md, "State").

  /** The AMPLIFY instance id, a decimal string; the resource id. */
  get instanceId(): pulumi.Output<string> {
    return this.id;
  }

  /** The connector key, `box`. */
  get elementKey(): pulumi.Output<string> {
    return pulumi.output(BOX_ELEMENT_KEY);
  }

  /** When AMPLIFY created the instance, as it reports it. */
  get createdDate(): pulumi.Output<string | undefined> {
    return this.status.apply((status) => status?.createdDate);
  }

  /** `false` when AMPLIFY reports the instance's credentials as no longer valid. */
  get valid(): pulumi.Output<boolean> {
    return this.status.apply((status) => status?.valid ?? true);
  }

  /** `true` when AMPLIFY reports the instance as disabled. */
  get disabled(): pulumi.Output<boolean> {
    return this.status.apply((status) => status?.disabled ?? false);
  }

  /** Whether AMPLIFY posts events: `event.notification.enabled` of `configuration`. */
  get eventsEnabled(): pulumi.Output<boolean> {
    return this.configuration.apply(
      (configuration) => (configuration?.[CONFIG.eventsEnabled] ?? PLATFORM_DEFAULTS[CONFIG.eventsEnabled]) === "true",
    );
  }

  constructor(name: string, args: BoxConnectorInstanceArgs, opts: pulumi.CustomResourceOptions = {}) {
    const events = args.events;
    super(
      BOX_CONNECTOR_INSTANCE_TYPE,
      name,
      {
        __provider: PROVIDER_SOURCE,
        name: args.name,
        autoNamePrefix: name,
        ownershipTag: ownershipTagFor(pulumi.getProject(), pulumi.getStack(), name),
        oauth: {
          apiKey: args.oauth.apiKey,
          apiSecret: pulumi.secret(args.oauth.apiSecret),
          callbackUrl: args.oauth.callbackUrl,
        },
        tags: args.tags,
        configuration: args.configuration,
        // Optional inputs only when set: the SDK spends a few stack traces on every property a resource registers.
        ...definedOnly({
          authorizationCode: args.authorizationCode === undefined ? undefined : pulumi.secret(args.authorizationCode),
          refreshToken: args.refreshToken === undefined ? undefined : pulumi.secret(args.refreshToken),
          events:
            events === undefined
              ? undefined
              : {
                  enabled: events.enabled,
                  callbackUrl: events.callbackUrl,
                  signatureKey: events.signatureKey === undefined ? undefined : pulumi.secret(events.signatureKey),
                },
          adoptInstanceId: args.adoptInstanceId,
        }),
        // Outputs only: declared so that the SDK makes them properties of this object. The internal outputs
        // (secretDigests, ownershipTag) are left out: nothing in the program reads them, and each one registered
        // costs the program four stack traces.
        token: undefined,
        status: undefined,
      },
      {
        // Replacing by create-then-delete would let the new resource find the old instance by its ownership tag.
        deleteBeforeReplace: true,
        ...opts,
        // State of earlier releases holds a secret `secretFingerprints` too; the engine keeps it secret on refresh
        // as it found it, and the next write drops it.
        additionalSecretOutputs: [...(opts.additionalSecretOutputs ?? []), "token"],
      },
    );
  }
}

function definedOnly(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
