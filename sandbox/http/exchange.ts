import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { type ApiResponse, errorBody } from "../protocol/api-response.js";
import type { RecordedRequest } from "./request-log.js";
import { resetConnection, type WriteOptions, writeResponse } from "./write-response.js";

type LogEntry = { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] };

/** What an exchange needs from its sandbox. */
export interface ExchangeContext {
  readonly latencyMs: number;
  readonly shutdown: AbortSignal;
  readonly onRequestServed?: (request: RecordedRequest, durationMs: number) => void;
}

/**
 * One API request in flight and the ways it can end: answered, refused, reset or abandoned. Each way records the
 * outcome in the log entry exactly once, so the log and the access log never disagree with what the client saw.
 */
export class Exchange {
  readonly #startedAt = performance.now();
  readonly #context: ExchangeContext;
  readonly #response: ServerResponse;
  readonly #entry: LogEntry;

  constructor(context: ExchangeContext, response: ServerResponse, entry: LogEntry) {
    this.#context = context;
    this.#response = response;
    this.#entry = entry;
  }

  get requestId(): string {
    return this.#entry.requestId;
  }

  /** Waits the configured latency (plus `extraLatencyMs`), then writes the answer. */
  async answer(reply: ApiResponse, extraLatencyMs = 0, options: WriteOptions = {}): Promise<void> {
    const delayMs = this.#context.latencyMs + extraLatencyMs;
    if (delayMs > 0) {
      // Aborted by close(): the rejection ends this exchange with a reset instead of holding the process open.
      await sleep(delayMs, undefined, { signal: this.#context.shutdown });
    }
    this.#finish(reply.status);
    writeResponse(this.#response, reply, this.requestId, options);
  }

  /** An error answer in the platform's shape. */
  refuse(status: number, message: string, headers: Readonly<Record<string, string>> = {}): Promise<void> {
    return this.answer({ status, body: errorBody(message, this.requestId), headers });
  }

  reset(): void {
    this.#finish(0);
    resetConnection(this.#response);
  }

  /** No answer at all; the connection stays open until the client gives up or the sandbox closes. */
  abandon(): void {
    this.#finish(0);
  }

  #finish(status: number): void {
    this.#entry.status = status;
    this.#context.onRequestServed?.({ ...this.#entry }, performance.now() - this.#startedAt);
  }
}
