import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** How one delivery attempt ended: an HTTP status, or no answer at all. */
export type PostOutcome =
  | { readonly kind: "answered"; readonly status: number }
  | { readonly kind: "failed"; readonly error: string };

export interface PostOptions {
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Aborted when the sandbox closes: an attempt in flight ends at once. */
  readonly signal: AbortSignal;
}

/**
 * POSTs `body` to `url` once. No redirect is followed (a 3xx is an answer, and not a success): a delivery goes to
 * the configured callback URL and nowhere else. No proxy, no connection reuse. The answer's body is read and
 * dropped; only its status matters.
 */
export function postNotification(url: URL, body: Buffer, options: PostOptions): Promise<PostOutcome> {
  return new Promise((resolve) => {
    if (options.signal.aborted) {
      resolve({ kind: "failed", error: "the sandbox is closing" });
      return;
    }
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(url, {
      method: "POST",
      agent: false,
      headers: { ...options.headers, "content-type": "application/json", "content-length": String(body.length) },
      signal: options.signal,
      timeout: options.timeoutMs,
    });
    let settled = false;
    const settle = (outcome: PostOutcome): void => {
      if (!settled) {
        settled = true;
        resolve(outcome);
      }
    };
    request.on("response", (response) => {
      response.resume();
      settle({ kind: "answered", status: response.statusCode ?? 0 });
    });
    request.on("timeout", () => {
      settle({ kind: "failed", error: `no answer within ${options.timeoutMs} ms` });
      request.destroy();
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      settle({
        kind: "failed",
        error: options.signal.aborted ? "the sandbox is closing" : (error.code ?? error.message),
      });
    });
    request.end(body);
  });
}
