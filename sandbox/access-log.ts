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
