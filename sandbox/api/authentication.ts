import type { BoxOAuth } from "../box/box-oauth.js";
import { newBoxUserId } from "../box/credentials.js";
import { badRequest } from "../protocol/api-error.js";
import type { ConfigurationValues, ExternalAuthentication } from "../store/sandbox-instance.js";
import type { InstanceInput } from "./instance-input.js";

/** The two ways to authenticate a Box instance (docs/amplify-api.md §3.1). */
export type Authentication =
  | { readonly kind: "code"; readonly code: string }
  | { readonly kind: "refreshToken"; readonly refreshToken: string };

const REFRESH_TOKEN_KEY = "oauth.user.refresh_token";

/**
 * The authentication a body asks for, if any: `providerData.code`, or `externalAuthentication: "initial"` with
 * `configuration["oauth.user.refresh_token"]`. Asking for both is refused (a sandbox choice: the platform's answer
 * is unknown, and a client has no reason to send both).
 */
export function requestedAuthentication(input: InstanceInput): Authentication | undefined {
  const external = input.externalAuthentication === "initial";
  if (input.grantCode !== undefined && external) {
    throw badRequest('Send either providerData.code or externalAuthentication "initial", not both');
  }
  if (input.grantCode !== undefined) {
    return { kind: "code", code: input.grantCode };
  }
  if (!external) {
    return undefined;
  }
  const refreshToken = input.configuration?.values[REFRESH_TOKEN_KEY];
  if (refreshToken === undefined || refreshToken === null || refreshToken.trim() === "") {
    throw badRequest(`externalAuthentication "initial" requires configuration["${REFRESH_TOKEN_KEY}"]`);
  }
  return { kind: "refreshToken", refreshToken };
}

/** What a create says when the body carries neither way to authenticate. */
export const MISSING_AUTHENTICATION_MESSAGE =
  'Authentication is required: send providerData.code (an OAuth grant code) or externalAuthentication "initial" ' +
  `with configuration["${REFRESH_TOKEN_KEY}"]`;

/**
 * Exchanges the code or refresh token with (the stand-in for) Box and writes the tokens into `configuration`. The
 * Box user id is kept when there is one: re-authenticating the same instance is assumed to be the same Box user.
 * Call it last, after every check, because a grant code is spent even if the write then failed.
 */
export function applyAuthentication(
  oauth: BoxOAuth,
  authentication: Authentication,
  configuration: ConfigurationValues,
): ExternalAuthentication {
  const tokens =
    authentication.kind === "code"
      ? oauth.exchangeCode(authentication.code)
      : oauth.exchangeRefreshToken(authentication.refreshToken);
  configuration["oauth.user.token"] = tokens.accessToken;
  configuration[REFRESH_TOKEN_KEY] = tokens.refreshToken;
  configuration["oauth.user.id"] ??= newBoxUserId();
  return authentication.kind === "code" ? "none" : "initial";
}
