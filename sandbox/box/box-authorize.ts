import { ApiError, badRequest } from "../protocol/api-error.js";
import { type ApiResponse, ok } from "../protocol/api-response.js";
import { ADMIN_PATH } from "../protocol/base-path.js";
import { type QueryValues, queryValue } from "../protocol/query.js";
import { newBoxToken } from "./credentials.js";

/** Where the stand-in for Box's authorize page lives (Box's own: `https://account.box.com/api/oauth2/authorize`). */
export const AUTHORIZE_PAGE_PATH = `${ADMIN_PATH}/box/authorize`;

/**
 * How a visit to the authorize page ends: `grant` redirects with a fresh code, `deny` with `error=access_denied`
 * (the user clicked "Deny"), `wrongState` with a code but a `state` other than the one sent (a forged redirect).
 */
export const AUTHORIZE_OUTCOMES = ["grant", "deny", "wrongState"] as const;
export type AuthorizeOutcome = (typeof AUTHORIZE_OUTCOMES)[number];

/** The levers tests pull on the authorize page. */
export interface AuthorizeSwitches {
  /** The next `times` visits (default 1, may be `Infinity`) end with `outcome`; later visits use the default. */
  next(outcome: AuthorizeOutcome, times?: number): void;
  /** Forgets the outcomes set with `next`. */
  clear(): void;
  /** Every code the page has handed out, oldest first (a copy). */
  readonly issuedCodes: string[];
}

const DENIED_DESCRIPTION = "The user denied access to your application";

/**
 * The sandbox's stand-in for Box's OAuth authorize page, so that the whole grant-code flow runs without Box: no
 * sign-in, no consent screen, an immediate 302 to `redirect_uri`. Like Box, it redirects only to a redirect URI
 * registered for the client id, here any one `GET /elements/box/oauth/url` was asked for; anything else is a 400
 * page and no redirect (RFC 6749 §4.1.2.1), so the sandbox is no open redirector. Codes are fresh on every visit
 * and are good once on `POST /instances`, like any code the sandbox accepts.
 */
export class BoxAuthorizePage implements AuthorizeSwitches {
  /** `http://host:port` of the sandbox, known once it listens. */
  origin = "";
  readonly #defaultOutcome: AuthorizeOutcome;
  readonly #registered = new Set<string>();
  readonly #issued: string[] = [];
  #pending: Array<{ outcome: AuthorizeOutcome; times: number }> = [];

  constructor(defaultOutcome: AuthorizeOutcome = "grant") {
    this.#defaultOutcome = defaultOutcome;
  }

  next(outcome: AuthorizeOutcome, times = 1): void {
    if (!(AUTHORIZE_OUTCOMES as readonly string[]).includes(outcome)) {
      throw new TypeError(`outcome must be one of ${AUTHORIZE_OUTCOMES.join(", ")}; got ${JSON.stringify(outcome)}`);
    }
    if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times >= 1))) {
      throw new TypeError(`times must be a positive integer or Infinity; got ${times}`);
    }
    this.#pending.push({ outcome, times });
  }

  clear(): void {
    this.#pending = [];
  }

  get issuedCodes(): string[] {
    return [...this.#issued];
  }

  /** The URL `GET /elements/box/oauth/url` answers; registers `redirectUri` for `clientId`. */
  authorizeUrl(request: { clientId: string; redirectUri: string; state: string | undefined }): string {
    this.#registered.add(registrationKey(request.clientId, request.redirectUri));
    const url = new URL(AUTHORIZE_PAGE_PATH, this.origin);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("client_id", request.clientId);
    url.searchParams.set("redirect_uri", request.redirectUri);
    if (request.state !== undefined) {
      url.searchParams.set("state", request.state);
    }
    return url.href;
  }

  /** A visit to the page: a 302 to the redirect URI, or a 400 when the request cannot be redirected safely. */
  visit(query: QueryValues): ApiResponse {
    const responseType = queryValue(query, "response_type");
    const clientId = queryValue(query, "client_id") ?? "";
    const redirectUri = queryValue(query, "redirect_uri") ?? "";
    const state = queryValue(query, "state");
    if (clientId === "" || redirectUri === "") {
      throw badRequest("invalid_request: client_id and redirect_uri are required");
    }
    if (!this.#registered.has(registrationKey(clientId, redirectUri))) {
      throw badRequest(
        "redirect_uri_mismatch: this redirect_uri was not registered for this client_id " +
          "(ask GET /elements/box/oauth/url for it first)",
      );
    }
    if (responseType !== "code") {
      throw badRequest(`unsupported_response_type: response_type must be "code"`);
    }
    const location = new URL(redirectUri);
    const outcome = this.#takeOutcome();
    if (outcome === "deny") {
      location.searchParams.set("error", "access_denied");
      location.searchParams.set("error_description", DENIED_DESCRIPTION);
    } else {
      const code = newBoxToken();
      this.#issued.push(code);
      location.searchParams.set("code", code);
    }
    const returnedState = outcome === "wrongState" ? `forged-${newBoxToken().slice(0, 12)}` : state;
    if (returnedState !== undefined) {
      location.searchParams.set("state", returnedState);
    }
    return { status: 302, body: { redirect: location.href }, headers: { location: location.href } };
  }

  #takeOutcome(): AuthorizeOutcome {
    const first = this.#pending[0];
    if (first === undefined) {
      return this.#defaultOutcome;
    }
    first.times -= 1;
    if (first.times <= 0) {
      this.#pending.shift();
    }
    return first.outcome;
  }
}

const registrationKey = (clientId: string, redirectUri: string): string => `${clientId}\n${redirectUri}`;

/** `POST /__sandbox/box/authorize/outcomes` `{"outcome": "deny", "times": 1}` (JSON has no Infinity: `"Infinity"`). */
export function setAuthorizeOutcome(page: BoxAuthorizePage, body: unknown): ApiResponse {
  const { outcome, times } = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const count = times === undefined ? 1 : times === "Infinity" ? Number.POSITIVE_INFINITY : times;
  if (typeof count !== "number") {
    throw new ApiError(400, 'times must be a positive integer or "Infinity"');
  }
  page.next(outcome as AuthorizeOutcome, count);
  return ok({ outcome, times: count === Number.POSITIVE_INFINITY ? "Infinity" : count });
}
