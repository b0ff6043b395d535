import got from "got";
import { AmplifyNetworkError, type RequestContext } from "./amplify-error.js";
import { type ConnectionSettings, platformHeaders } from "./connection-settings.js";
import { fromGotError } from "./got-error.js";
import { registerSecrets } from "./redact.js";

/** What `GET /elements/box/oauth/url` needs (docs/amplify-api.md §7). */
export interface OAuthUrlRequest {
  /** The Box client id (`oauth.api.key`). */
  readonly apiKey: string;
  /** Secret. The Box client secret (`oauth.api.secret`); it travels in the query, as the platform wants it. */
  readonly apiSecret: string;
  /** The redirect URI Box sends the user back to; it must be registered in the Box app. */
  readonly callbackUrl: string;
  /** An unguessable value the redirect must carry back unchanged (CSRF protection, RFC 6749 §10.12). */
  readonly state: string;
}

/** The platform's answer. */
export interface OAuthUrl {
  /** The URL the user opens to sign in to Box and grant access. */
  readonly oauthUrl: string;
  readonly element: string;
}

export interface OAuthUrlClientOptions {
  /** Repeats of the GET after a transient failure. Default 2. */
  readonly retries?: number;
}

const ELEMENT_KEY = "box";

/**
 * Asks AMPLIFY for the Box authorization URL: `GET /elements/box/oauth/url`. Failures become the same
 * `AmplifyApiError` / `AmplifyNetworkError` as the instances client's, redacted: the query holds the Box client
 * secret, so the error names the path only.
 */
export async function fetchOAuthUrl(
  settings: Pick<ConnectionSettings, "baseUrl" | "userSecret" | "organizationSecret" | "requestTimeoutMs">,
  request: OAuthUrlRequest,
  options: OAuthUrlClientOptions = {},
): Promise<OAuthUrl> {
  registerSecrets(settings.userSecret, settings.organizationSecret, request.apiSecret);
  const context: RequestContext = {
    operation: "get the Box authorization URL",
    method: "GET",
    path: `/elements/${ELEMENT_KEY}/oauth/url`,
  };
  let body: unknown;
  try {
    const response = await got(`${settings.baseUrl}${context.path}`, {
      method: "GET",
      searchParams: {
        apiKey: request.apiKey,
        apiSecret: request.apiSecret,
        callbackUrl: request.callbackUrl,
        state: request.state,
      },
      headers: platformHeaders(settings),
      responseType: "json",
      timeout: { request: settings.requestTimeoutMs },
      retry: { limit: options.retries ?? 2, methods: ["GET"] },
    });
    body = response.body;
  } catch (error) {
    throw fromGotError(context, error);
  }
  const oauthUrl = (body as { oauthUrl?: unknown } | null)?.oauthUrl;
  if (typeof oauthUrl !== "string" || !/^https?:\/\//.test(oauthUrl)) {
    throw new AmplifyNetworkError(context, "ERR_UNEXPECTED_BODY", "the platform's answer has no http(s) oauthUrl");
  }
  const element = (body as { element?: unknown }).element;
  return { oauthUrl, element: typeof element === "string" ? element : ELEMENT_KEY };
}
