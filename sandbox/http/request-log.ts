import type { QueryValues } from "../protocol/query.js";

/** One request the sandbox received on its API, as tests assert on it. */
export interface RecordedRequest {
  readonly method: string;
  /** The path as requested, without the query: `/elements/api-v2/instances/100001`. */
  readonly path: string;
  readonly query: QueryValues;
  /** The status answered; 0 when there was no answer (a reset, `noAnswer`, a client that hung up, or in flight). */
  readonly status: number;
  /** The parsed JSON body, or `undefined` (no body, or not JSON). Not redacted: the log is for tests. */
  readonly body: unknown;
  /** `Date.now()` when the request arrived. */
  readonly at: number;
  /** The `elements-request-id` the answer carries (or would have carried). */
  readonly requestId: string;
}

type Entry = { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] };

/**
 * Requests in arrival order. Control calls to `/__sandbox` are not recorded: they are the test's own hand on the
 * sandbox, and would only get in the way of assertions about what a client sent to the API.
 */
export class RequestLog {
  #entries: Entry[] = [];
  readonly #limit: number;

  /** @param limit keep only the newest `limit` entries (a long-running CLI sandbox must not grow without bound). */
  constructor(limit: number = Number.POSITIVE_INFINITY) {
    this.#limit = limit;
  }

  /** Records an arrival; the caller fills in `body` and `status` as it learns them. */
  begin(request: Omit<RecordedRequest, "status" | "body">): Entry {
    const entry: Entry = { ...request, status: 0, body: undefined };
    this.#entries.push(entry);
    if (this.#entries.length > this.#limit) {
      this.#entries.shift();
    }
    return entry;
  }

  /** Copies, so that a test holding the list sees it as it was when it asked. */
  get entries(): RecordedRequest[] {
    return this.#entries.map((entry) => structuredClone(entry));
  }

  clear(): void {
    this.#entries = [];
  }
}
