import { BOX_ELEMENT } from "../../box/box-element.js";
import { ApiError, badRequest } from "../../protocol/api-error.js";
import { ok } from "../../protocol/api-response.js";
import { queryValue } from "../../protocol/query.js";
import type { ApiHandler } from "../api-call.js";

const REQUIRED_PARAMETERS = ["apiKey", "apiSecret", "callbackUrl"] as const;

/**
 * `GET /elements/{key}/oauth/url?apiKey=&apiSecret=&callbackUrl=&state=` (docs/amplify-api.md §7): the URL a user opens
 * to grant access. Answers `{"oauthUrl", "element"}`; the URL points at the sandbox's stand-in authorize page
 * rather than Box's. `state` is optional and passed through. The secret is checked for presence only: the sandbox
 * has no Box app to compare it with.
 */
export const readOAuthUrl: ApiHandler = (call, state) => {
  if (call.params.key !== BOX_ELEMENT.key) {
    throw new ApiError(404, `No element found with key '${call.params.key}' (the sandbox knows only 'box')`);
  }
  const missing = REQUIRED_PARAMETERS.filter((name) => (queryValue(call.query, name) ?? "").trim() === "");
  if (missing.length > 0) {
    throw badRequest(`Missing required query parameters: ${missing.join(", ")}`);
  }
  const callbackUrl = queryValue(call.query, "callbackUrl") as string;
  if (!isHttpUrl(callbackUrl)) {
    throw badRequest(`callbackUrl must be an http(s) URL; got ${JSON.stringify(callbackUrl)}`);
  }
  const oauthUrl = state.authorizePage.authorizeUrl({
    clientId: queryValue(call.query, "apiKey") as string,
    redirectUri: callbackUrl,
    state: queryValue(call.query, "state"),
  });
  return ok({ oauthUrl, element: BOX_ELEMENT.key });
};

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
