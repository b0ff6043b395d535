/** An answer before it is written to the socket; the HTTP layer adds the request id, latency and faults. */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Every documented success is a 200 (docs/amplify-api.md §3), so this is the only success constructor. */
export const ok = (body: unknown, headers?: Readonly<Record<string, string>>): ApiResponse =>
  headers === undefined ? { status: 200, body } : { status: 200, body, headers };

/** The platform's error body (docs/amplify-api.md §4); `providerMessage` only when there is one. */
export function errorBody(message: string, requestId: string, providerMessage?: string): Record<string, string> {
  return providerMessage === undefined ? { message, requestId } : { message, requestId, providerMessage };
}
