import type { BoxAuthorizePage } from "../box/box-authorize.js";
import type { BoxOAuth } from "../box/box-oauth.js";
import type { EventDispatcher } from "../events/event-dispatcher.js";
import type { PlatformVariant } from "../platform/platform-variant.js";
import type { ApiResponse } from "../protocol/api-response.js";
import type { QueryValues } from "../protocol/query.js";
import type { InstanceStore } from "../store/instance-store.js";
import type { HttpMethod } from "./router.js";

/** Everything a handler may read or change: one per sandbox, so two sandboxes never share a code or an id. */
export interface SandboxState {
  readonly store: InstanceStore;
  readonly oauth: BoxOAuth;
  /** How this sandbox answers where platform versions differ. */
  readonly platform: PlatformVariant;
  /** The platform user the account secrets belong to (`user.id` on every instance). */
  readonly userId: number;
  /** Webhook deliveries and the event log of every instance. */
  readonly events: EventDispatcher;
  /** The stand-in for Box's authorize page, whose URL `GET /elements/box/oauth/url` hands out. */
  readonly authorizePage: BoxAuthorizePage;
}

/** One authorized request, as a handler sees it: path parameters resolved, body parsed. */
export interface ApiCall {
  readonly method: HttpMethod;
  readonly params: Readonly<Record<string, string>>;
  readonly query: QueryValues;
  readonly body: unknown;
}

/** Handlers are synchronous: the store is in memory, and a write either happens whole or not at all. */
export type ApiHandler = (call: ApiCall, state: SandboxState) => ApiResponse;
