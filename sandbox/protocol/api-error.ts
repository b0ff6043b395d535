/** What an error answer may carry besides its status and message. */
export interface ApiErrorDetails {
  /** The upstream (Box) message, which the platform passes through beside its own (docs/amplify-api.md §4). */
  readonly providerMessage?: string;
  /** Extra response headers, such as `Retry-After` or `Allow`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An error that becomes an AMPLIFY error answer: `{"message", "requestId", "providerMessage"?}` with `status`.
 * Handlers throw it from anywhere; the API layer turns it into a response, so no handler builds error bodies itself.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly providerMessage: string | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, message: string, details: ApiErrorDetails = {}) {
    super(message);
    this.status = status;
    this.providerMessage = details.providerMessage;
    this.headers = details.headers ?? {};
  }
}

export const badRequest = (message: string, details?: ApiErrorDetails): ApiError => new ApiError(400, message, details);

export const notFound = (message: string): ApiError => new ApiError(404, message);

export const conflict = (message: string): ApiError => new ApiError(409, message);

/** The platform's 401 text: the same whichever secret was wrong, so that a caller cannot probe them one at a time. */
export const UNAUTHORIZED_MESSAGE = "Invalid Organization or User secret, or invalid Element token provided.";

export const unauthorized = (): ApiError => new ApiError(401, UNAUTHORIZED_MESSAGE);
