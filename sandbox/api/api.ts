import { ApiError } from "../protocol/api-error.js";
import { type ApiResponse, errorBody } from "../protocol/api-response.js";
import type { QueryValues } from "../protocol/query.js";
import type { ApiHandler, SandboxState } from "./api-call.js";
import { type AccountSecrets, authorize } from "./authorization.js";
import { parseJsonBody } from "./json-body.js";
import type { Router } from "./router.js";

/** One request to the API, already read off the socket; `path` is relative to `/elements/api-v2`. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: QueryValues;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly rawBody: Buffer;
  readonly requestId: string;
}

const METHODS_WITH_BODY: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH"]);

/**
 * Serves one request in the platform's order: route (404, 405), Authorization (401), body (415, 400), handler.
 * Never throws: every failure becomes the platform's error body. An unexpected exception is a 500 whose message
 * says it is a sandbox bug, so that it is never mistaken for a simulated fault.
 */
export function handleApiRequest(
  router: Router<ApiHandler>,
  state: SandboxState,
  secrets: AccountSecrets,
  request: ApiRequest,
): ApiResponse {
  try {
    const lookup = router.lookup(request.method, request.path);
    if (lookup.kind === "not-found") {
      throw new ApiError(404, `No resource found for ${request.method} ${request.path}`);
    }
    if (lookup.kind === "method-not-allowed") {
      throw new ApiError(405, `Method ${request.method} is not allowed on ${lookup.pattern}`, {
        headers: { allow: lookup.allowed.join(", ") },
      });
    }
    const scopedId = Number(lookup.params.id);
    authorize(
      request.authorization,
      { secrets, instanceIdForToken: (token) => state.store.findByToken(token)?.id },
      Number.isSafeInteger(scopedId) ? scopedId : undefined,
    );
    const body = METHODS_WITH_BODY.has(request.method)
      ? parseJsonBody(request.rawBody, request.contentType)
      : undefined;
    return lookup.handler({ method: lookup.method, params: lookup.params, query: request.query, body }, state);
  } catch (error) {
    return toErrorResponse(error, request.requestId);
  }
}

function toErrorResponse(error: unknown, requestId: string): ApiResponse {
  if (error instanceof ApiError) {
    return {
      status: error.status,
      body: errorBody(error.message, requestId, error.providerMessage),
      headers: error.headers,
    };
  }
  const message = `Internal sandbox error (a bug in the sandbox, not a simulated fault): ${String(error)}`;
  return { status: 500, body: errorBody(message, requestId) };
}
