import type { EventDelivery } from "./events/event-delivery.js";
import type { RecordedRequest } from "./http/request-log.js";

/**
 * One access-log line: method, path, status and time, e.g. `POST /elements/api-v2/instances 200 3ms`. Only these:
 * no query (it could carry anything), no header (Authorization holds the secrets), no body (it holds Box's
 * client secret and grant codes). Status 0 reads `---` : the connection was reset or never answered.
 */
export function formatAccessLogLine(request: RecordedRequest, durationMs: number): string {
  const status = request.status === 0 ? "---" : String(request.status);
  return `${request.method} ${request.path} ${status} ${Math.round(durationMs)}ms`;
}

/**
 * One line per webhook delivery attempt, e.g. `EVENT 900001 attempt 1 -> http://127.0.0.1:8787/hooks 200 NOTIFIED`.
 * The callback URL loses its query (it may carry a token); headers, signature and body are never shown.
 */
export function formatEventLogLine(delivery: EventDelivery): string {
  const attempt = delivery.attempts.at(-1);
  let target = "-";
  if (delivery.callbackUrl !== null) {
    const url = new URL(delivery.callbackUrl);
    target = `${url.origin}${url.pathname}`;
  }
  const outcome = attempt?.httpStatus ?? attempt?.error ?? "-";
  return `EVENT ${delivery.id} attempt ${attempt?.attempt ?? 0} -> ${target} ${outcome} ${delivery.status}`;
}
