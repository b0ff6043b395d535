import got, { type Got } from "got";
import { AmplifyApiError, AmplifyNetworkError, type RequestContext } from "./amplify-error.js";
import { type ConnectionSettings, platformHeaders } from "./connection-settings.js";
import { fromGotError } from "./got-error.js";
import {
  type Instance,
  type InstanceCreateBody,
  type InstanceListQuery,
  type InstancePatchBody,
  SECRET_CONFIGURATION_KEYS,
} from "./instance-types.js";
import { registerSecrets } from "./redact.js";
import { type GateTicket, type RequestGate, requestGateFor } from "./request-gate.js";
import { retryAfterMs } from "./retry-after.js";
import {
  RETRYABLE_ERROR_CODES,
  RETRYABLE_METHODS,
  RETRYABLE_STATUS_CODES,
  type RetryPolicy,
  retryDelay,
} from "./retry-policy.js";

/** One finished request, for debug logs. Holds no secret: no headers, no bodies. */
export interface RequestLogEntry {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  /** 0 when no answer arrived. */
  readonly status: number;
  readonly durationMs: number;
  /** Repeats made before this outcome. */
  readonly retries: number;
  readonly requestId: string | undefined;
  /** The error code for a request that got no answer. */
  readonly errorCode?: string | undefined;
}

export interface InstancesClientOptions {
  /** Called once per request outcome; the provider prints these in debug mode. */
  readonly onRequest?: (entry: RequestLogEntry) => void;
  /** Backoff schedule; defaults from the connection settings. */
  readonly retry?: Partial<RetryPolicy>;
}

/** When a request is repeated: after any transient failure, only after a 429 (nothing was done), or never. */
type RetryMode = "all" | "rateLimitOnly" | "none";

const PAGE_TOKEN_HEADER = "elements-next-page-token";
const PAGE_SIZE = 200;

/**
 * The `/instances` API of AMPLIFY (docs/amplify-api.md §3) over got. Knows HTTP and the platform, nothing of Pulumi.
 * Every failure becomes an `AmplifyApiError` or `AmplifyNetworkError` that names the operation and never a secret.
 */
export class InstancesClient {
  private readonly http: Got;
  /** The backoff schedule this client follows; callers that repeat a POST themselves wait by it too. */
  readonly policy: RetryPolicy;
  private readonly onRequest: ((entry: RequestLogEntry) => void) | undefined;
  /** Shared by every client of this process that talks to the same base URL (request-gate.ts). */
  private readonly gate: RequestGate;
  /** The platform this client talks to, up to `/elements/api-v2`. */
  readonly baseUrl: string;

  constructor(settings: ConnectionSettings, options: InstancesClientOptions = {}) {
    registerSecrets(settings.userSecret, settings.organizationSecret);
    this.baseUrl = settings.baseUrl;
    this.onRequest = options.onRequest;
    this.gate = requestGateFor(settings.baseUrl);
    this.policy = {
      limit: settings.maxRetries,
      baseDelayMs: 500,
      maxDelayMs: 20_000,
      deadlineMs: Math.max(settings.requestTimeoutMs * (settings.maxRetries + 1), 60_000),
      ...options.retry,
    };
    this.http = got.extend({
      prefixUrl: `${settings.baseUrl}/`,
      headers: platformHeaders(settings),
      responseType: "json",
      timeout: { request: settings.requestTimeoutMs },
      retry: {
        limit: this.policy.limit,
        methods: [...RETRYABLE_METHODS],
        statusCodes: [...RETRYABLE_STATUS_CODES],
        errorCodes: [...RETRYABLE_ERROR_CODES],
        enforceRetryRules: true,
        // got caps Retry-After by this; our policy applies its own cap.
        maxRetryAfter: this.policy.maxDelayMs,
      },
    });
  }

  /**
   * `POST /instances`. Repeated only after a 429, which says the platform did nothing: a repeat after an unseen
   * success would make a second instance.
   */
  async create(body: InstanceCreateBody, operation = `create instance "${body.name}"`): Promise<Instance> {
    registerSecrets(body.providerData?.code, ...secretConfigurationValues(body.configuration));
    return this.send<Instance>({ operation, method: "POST", path: "/instances" }, body, { retry: "rateLimitOnly" });
  }

  /** `GET /instances/{id}`, token included. */
  async get(id: string, operation = `read instance ${id}`): Promise<Instance> {
    return this.send<Instance>({ operation, method: "GET", path: instancePath(id) });
  }

  /** `GET /instances`, following `elements-next-page-token` until the last page. */
  async list(query: InstanceListQuery = {}, operation = "list instances"): Promise<Instance[]> {
    const found: Instance[] = [];
    let nextPage: string | undefined;
    do {
      const search = new URLSearchParams();
      for (const tag of query.tags ?? []) {
        search.append("tags[]", tag);
      }
      if (query.searchText !== undefined) {
        search.set("searchText", query.searchText);
      }
      search.set("pageSize", String(PAGE_SIZE));
      if (nextPage !== undefined) {
        search.set("nextPage", nextPage);
      }
      const { body, headers } = await this.exchange<Instance[]>(
        { operation, method: "GET", path: "/instances" },
        undefined,
        { searchParams: search },
      );
      found.push(...(Array.isArray(body) ? body : []));
      const token = headers[PAGE_TOKEN_HEADER];
      nextPage =
        typeof token === "string" && token !== "" && Array.isArray(body) && body.length > 0 ? token : undefined;
    } while (nextPage !== undefined);
    return found;
  }

  /**
   * `PATCH /instances/{id}`: changes only what the body names. Repeated on transient failures, except when it
   * re-authenticates: a grant code is single use, so a repeat after an unseen success would be refused; only a 429
   * (the platform did nothing) is waited out. A 2xx whose body is unreadable is read back, not reported as a failure.
   */
  async patch(id: string, body: InstancePatchBody, operation = `update instance ${id}`): Promise<Instance> {
    registerSecrets(body.providerData?.code, ...secretConfigurationValues(body.configuration ?? {}));
    const sent = this.send<Instance>({ operation, method: "PATCH", path: instancePath(id) }, body, {
      retry: body.providerData === undefined ? "all" : "rateLimitOnly",
    });
    return this.readBackIfApplied(id, operation, sent);
  }

  /** A write the platform answered with 2xx and an unreadable body did happen: read the instance instead. */
  private async readBackIfApplied(id: string, operation: string, sent: Promise<Instance>): Promise<Instance> {
    try {
      return await sent;
    } catch (error) {
      const status = error instanceof AmplifyNetworkError ? error.answeredStatus : undefined;
      if (status === undefined || status < 200 || status > 299) {
        throw error;
      }
      return this.get(id, `${operation} (read back: the answer was unreadable)`);
    }
  }

  /** `DELETE /instances/{id}`. A 404 is reported as an `AmplifyApiError` with status 404; callers decide. */
  async delete(id: string, operation = `delete instance ${id}`): Promise<void> {
    await this.send<unknown>({ operation, method: "DELETE", path: instancePath(id) });
  }

  private async send<T>(context: RequestContext, json?: unknown, options: { retry?: RetryMode } = {}): Promise<T> {
    return (await this.exchange<T>(context, json, options)).body;
  }

  private async exchange<T>(
    context: RequestContext,
    json: unknown,
    options: { retry?: RetryMode; searchParams?: URLSearchParams } = {},
  ): Promise<{ body: T; headers: Record<string, string | string[] | undefined> }> {
    const started = Date.now();
    let retries = 0;
    // Failed attempts, which the retry limit counts; 429s are not failures and only the deadline bounds them.
    let failures = 0;
    const policy = this.policy;
    const gate = this.gate;
    const mode = options.retry ?? "all";
    let ticket: GateTicket | undefined;
    try {
      const response = await this.http<T>(context.path.slice(1), {
        method: context.method as "GET",
        ...(json === undefined ? {} : { json }),
        ...(options.searchParams === undefined ? {} : { searchParams: options.searchParams }),
        retry: {
          // got counts every attempt; retryDelay applies the limit to failures and the deadline to everything.
          limit: mode === "none" ? 0 : Number.MAX_SAFE_INTEGER,
          ...(mode === "rateLimitOnly"
            ? { methods: [context.method as "POST"], statusCodes: [429], errorCodes: [] }
            : {}),
          calculateDelay: ({ attemptCount, error }) => {
            const rateLimited = error.response?.statusCode === 429;
            if (!rateLimited) {
              failures += 1;
            }
            const delay = retryDelay(policy, {
              attempt: rateLimited ? attemptCount : failures,
              rateLimited,
              elapsedMs: Date.now() - started,
              retryAfterMs: retryAfterMs(error.response?.headers["retry-after"]),
              random: Math.random(),
            });
            // After a 429 the gate holds every request of this process until Retry-After and then paces them;
            // waiting here as well would only add this request's jitter on top.
            return rateLimited && delay > 0 ? 1 : delay;
          },
        },
        hooks: {
          beforeRequest: [
            async () => {
              ticket = await gate.admit();
            },
          ],
          afterResponse: [
            (response) => {
              if (response.statusCode === 429 && ticket !== undefined) {
                gate.refused(ticket, retryAfterMs(response.headers["retry-after"]));
              }
              return response;
            },
          ],
          beforeRetry: [
            () => {
              retries += 1;
            },
          ],
        },
      });
      this.log(context, started, retries, response.statusCode, requestIdOf(response.headers, response.body));
      registerSecretsIn(response.body);
      if (typeof response.body === "string" && response.body === "" && context.method !== "DELETE") {
        throw new AmplifyNetworkError(context, "EMPTY_BODY", "the platform answered without a body");
      }
      return { body: response.body, headers: response.headers };
    } catch (error) {
      throw this.translate(context, error, started, retries);
    }
  }

  private translate(context: RequestContext, error: unknown, started: number, retries: number): Error {
    const translated = fromGotError(context, error, retries);
    if (translated instanceof AmplifyApiError) {
      this.log(context, started, retries, translated.status, translated.requestId);
    } else if (translated instanceof AmplifyNetworkError && translated !== error) {
      this.log(context, started, retries, 0, undefined, translated.code);
    }
    return translated;
  }

  private log(
    context: RequestContext,
    started: number,
    retries: number,
    status: number,
    requestId: string | undefined,
    errorCode?: string,
  ): void {
    this.onRequest?.({
      operation: context.operation,
      method: context.method,
      path: context.path,
      status,
      durationMs: Date.now() - started,
      retries,
      requestId,
      errorCode,
    });
  }
}

function instancePath(id: string): string {
  if (!/^\d+$/.test(id)) {
    // Guards the URL: ids are numbers (docs/amplify-api.md §3.2), and anything else would change the path.
    throw new Error(`instance id must be a decimal number; got "${id}"`);
  }
  return `/instances/${id}`;
}

function requestIdOf(headers: Record<string, string | string[] | undefined>, body: unknown): string | undefined {
  const header = headers["elements-request-id"];
  if (typeof header === "string") {
    return header;
  }
  if (body !== null && typeof body === "object" && typeof (body as { requestId?: unknown }).requestId === "string") {
    return (body as { requestId: string }).requestId;
  }
  return undefined;
}

function secretConfigurationValues(configuration: Record<string, unknown>): string[] {
  return SECRET_CONFIGURATION_KEYS.map((key) => configuration[key]).filter(
    (value): value is string => typeof value === "string",
  );
}

/** Tokens and unmasked secrets in answers (older platforms return them in clear) join the redaction list. */
function registerSecretsIn(body: unknown): void {
  for (const item of Array.isArray(body) ? body : [body]) {
    if (item !== null && typeof item === "object") {
      const instance = item as Instance;
      registerSecrets(instance.token, ...secretConfigurationValues(instance.configuration ?? {}));
    }
  }
}
