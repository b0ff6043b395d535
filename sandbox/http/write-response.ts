import type { ServerResponse } from "node:http";
import type { ApiResponse } from "../protocol/api-response.js";

/** The response header that carries the request id, on every answer (the same id as an error body's `requestId`). */
export const REQUEST_ID_HEADER = "elements-request-id";

export interface WriteOptions {
  /** Cut the JSON body in half (the `malformedJson` fault): the message is complete, its JSON is not. */
  readonly truncate?: boolean;
}

/** Writes an answer as JSON, with a correct `Content-Length` even when the body is deliberately broken. */
export function writeResponse(
  response: ServerResponse,
  answer: ApiResponse,
  requestId: string,
  options: WriteOptions = {},
): void {
  let body = Buffer.from(JSON.stringify(answer.body ?? {}), "utf8");
  if (options.truncate === true) {
    body = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
  }
  response.writeHead(answer.status, {
    ...answer.headers,
    "content-type": "application/json",
    "content-length": String(body.length),
    [REQUEST_ID_HEADER]: requestId,
  });
  response.end(body);
}

/**
 * Resets the connection (TCP RST) so that the client sees ECONNRESET, as when a load balancer or a crashing server
 * drops it, rather than a clean close that a client could take for an empty answer.
 */
export function resetConnection(response: ServerResponse): void {
  const socket = response.socket;
  if (socket !== null && !socket.destroyed) {
    socket.resetAndDestroy();
  }
}
