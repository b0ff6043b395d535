import { ApiError, badRequest } from "../protocol/api-error.js";

/**
 * Reads a POST, PUT or PATCH body the way the platform does: JSON or nothing. An empty body is `undefined` (the
 * enable call has none); a body in any other media type is 415 and broken JSON is 400 (docs/amplify-api.md §4).
 */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) {
    return undefined;
  }
  if (!isJsonMediaType(contentType)) {
    throw new ApiError(415, `Unsupported media type ${JSON.stringify(contentType ?? "")}: send application/json`);
  }
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** `application/json`, with or without parameters such as `; charset=utf-8`. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

/** The same parse, never throwing: what the request log keeps of a body. */
export function tryParseJson(raw: Buffer): unknown {
  if (raw.length === 0) {
    return undefined;
  }
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Handlers that need an object body call this, so "no body" and "an array" both get a clear 400. */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest("The request body must be a JSON object");
  }
  return body as Record<string, unknown>;
}
