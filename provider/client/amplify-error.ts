import { redact } from "./redact.js";

/** What was being attempted when a call failed; part of every message so a user can tell which step broke. */
export interface RequestContext {
  /** The user-level operation, e.g. `create instance "Box prod"`. */
  readonly operation: string;
  readonly method: string;
  /** Path below the base URL, e.g. `/instances/427236`. Never carries secrets. */
  readonly path: string;
}

/**
 * Base of every error the AMPLIFY client throws. Messages are redacted before they are stored.
 */
export class AmplifyError extends Error {
  readonly operation: string;
  readonly method: string;
  readonly path: string;

  constructor(message: string, context: RequestContext, options?: { cause?: unknown }) {
    super(redact(message), options?.cause === undefined ? undefined : { cause: scrubCause(options.cause) });
    this.message = redact(message);
    this.name = "AmplifyError";
    if (options?.cause !== undefined) {
      this.cause = scrubCause(options.cause);
    }
    this.operation = context.operation;
    this.method = context.method;
    this.path = context.path;
  }
}

/** The platform answered with a non-2xx status. */
export class AmplifyApiError extends AmplifyError {
  readonly status: number;
  /** AMPLIFY's `requestId`, to quote to Axway support. */
  readonly requestId: string | undefined;
  /** AMPLIFY's `message`, redacted. */
  readonly amplifyMessage: string | undefined;
  /** Box's own message when the platform passed one on, redacted. */
  readonly providerMessage: string | undefined;
  /** How long a `Retry-After` header asked to wait, in milliseconds (retry-after.ts), when one was sent. */
  readonly retryAfterMs: number | undefined;

  constructor(
    context: RequestContext,
    status: number,
    body: { message?: string; requestId?: string; providerMessage?: string },
    retryAfterMs?: number,
  ) {
    const details = [
      body.message === undefined ? undefined : body.message,
      body.providerMessage === undefined ? undefined : `Box said: ${body.providerMessage}`,
      body.requestId === undefined ? undefined : `requestId ${body.requestId}`,
    ].filter((part) => part !== undefined);
    super(
      `${context.operation} failed: ${context.method} ${context.path} answered ${status}${details.length > 0 ? ` (${details.join("; ")})` : ""}`,
      context,
    );
    this.name = "AmplifyApiError";
    this.status = status;
    this.requestId = body.requestId;
    this.amplifyMessage = body.message === undefined ? undefined : redact(body.message);
    this.providerMessage = body.providerMessage === undefined ? undefined : redact(body.providerMessage);
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * No usable answer arrived (connection reset, timeout, unparseable body). For a write this is ambiguous: the
 * platform may or may not have acted, which is why create looks the instance up before trying again.
 */
export class AmplifyNetworkError extends AmplifyError {
  /** The Node.js or got error code, e.g. `ECONNRESET`, `ETIMEDOUT`, `ERR_BODY_PARSE_FAILURE`. */
  readonly code: string | undefined;
  /**
   * The status of an answer whose body could not be read (`ERR_BODY_PARSE_FAILURE`). A 2xx means the platform did
   * act: only its description of the result is lost, and reading the instance back recovers it.
   */
  readonly answeredStatus: number | undefined;

  constructor(
    context: RequestContext,
    code: string | undefined,
    detail: string,
    options?: { cause?: unknown; answeredStatus?: number | undefined },
  ) {
    super(`${context.operation} failed: ${context.method} ${context.path}: ${detail}`, context, options);
    this.name = "AmplifyNetworkError";
    this.code = code;
    this.answeredStatus = options?.answeredStatus;
  }
}

/**
 * got's errors hold the request options (headers with the Authorization secrets) and the response. Keep only the
 * name, code and redacted message of the cause so that nothing printed from `cause` can leak a secret.
 */
function scrubCause(cause: unknown): unknown {
  if (cause instanceof Error) {
    const scrubbed = new Error(redact(cause.message));
    scrubbed.name = cause.name;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") {
      Object.defineProperty(scrubbed, "code", { value: code, enumerable: true });
    }
    return scrubbed;
  }
  return undefined;
}
