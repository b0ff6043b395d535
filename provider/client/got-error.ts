import { HTTPError, RequestError } from "got";
import { AmplifyApiError, AmplifyNetworkError, type RequestContext } from "./amplify-error.js";
import { retryAfterMs } from "./retry-after.js";

/**
 * Turns what got throws into this project's errors: a non-2xx answer into an `AmplifyApiError` carrying the
 * platform's error body (docs/amplify-api.md §4), a missing or unreadable answer into an `AmplifyNetworkError`. got's own
 * errors hold the request options, Authorization header included, so they never leave the client as they are.
 */
export function fromGotError(context: RequestContext, error: unknown, retries = 0): Error {
  if (error instanceof AmplifyNetworkError || error instanceof AmplifyApiError) {
    return error;
  }
  if (error instanceof HTTPError) {
    const body = errorBody(error.response.body);
    const header = error.response.headers["elements-request-id"];
    const requestId = body.requestId ?? (typeof header === "string" ? header : undefined);
    return new AmplifyApiError(
      context,
      error.response.statusCode,
      { ...body, ...(requestId === undefined ? {} : { requestId }) },
      retryAfterMs(error.response.headers["retry-after"]),
    );
  }
  if (error instanceof RequestError) {
    const detail =
      error.code === "ERR_BODY_PARSE_FAILURE"
        ? "the platform's answer was not valid JSON"
        : `no answer (${error.code}${retries > 0 ? `, after ${retries} retries` : ""})`;
    // A 2xx whose body is unreadable still says the platform acted; callers that wrote can read the result back.
    const answeredStatus = error.code === "ERR_BODY_PARSE_FAILURE" ? error.response?.statusCode : undefined;
    return new AmplifyNetworkError(context, error.code, detail, { cause: error, answeredStatus });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** The platform's error body, whatever shape actually arrived: JSON, text, or nothing. */
function errorBody(body: unknown): { message?: string; requestId?: string; providerMessage?: string } {
  let parsed = body;
  if (typeof body === "string") {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body.trim() === "" ? {} : { message: body.slice(0, 500) };
    }
  }
  if (parsed === null || typeof parsed !== "object") {
    return {};
  }
  const record = parsed as Record<string, unknown>;
  const pick = (key: string) => (typeof record[key] === "string" ? { [key]: record[key] as string } : {});
  return { ...pick("message"), ...pick("requestId"), ...pick("providerMessage") };
}
