import { badRequest } from "../protocol/api-error.js";
import { newBoxToken } from "./credentials.js";

/** What the platform gets from Box's token endpoint when it exchanges a grant code or a refresh token. */
export interface BoxTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
}

/**
 * The message the platform relays when Box refuses a grant code. The wording is UNVERIFIED (no public capture of
 * it); the status, the `invalid_grant` code and the presence of Box's own text in `providerMessage` are what a
 * client should rely on.
 */
export const CONSUMED_GRANT_MESSAGE =
  "Failed to retrieve the OAuth access token: invalid_grant - The authorization code has expired or has already been used";
export const CONSUMED_GRANT_PROVIDER_MESSAGE = "Auth code doesn't exist or is invalid for the client";

/**
 * Stands in for Box's token endpoint. Any non-empty grant code is good exactly once in the sandbox's lifetime (OAuth
 * codes are single use, RFC 6749 §4.1.2), so a client that replays a code sees the same 400 it would see live. Codes
 * do not expire here; Box's do within seconds.
 */
export class BoxOAuth {
  readonly #consumedCodes = new Set<string>();

  /** Burns the code. Callers validate everything else first: a request that fails validation must not cost a code. */
  exchangeCode(code: string): BoxTokens {
    if (this.#consumedCodes.has(code)) {
      throw badRequest(CONSUMED_GRANT_MESSAGE, { providerMessage: CONSUMED_GRANT_PROVIDER_MESSAGE });
    }
    this.#consumedCodes.add(code);
    return { accessToken: newBoxToken(), refreshToken: newBoxToken() };
  }

  /** Provisioning from an existing refresh token (`externalAuthentication: "initial"`): Box rotates it. */
  exchangeRefreshToken(_refreshToken: string): BoxTokens {
    return { accessToken: newBoxToken(), refreshToken: newBoxToken() };
  }
}
