import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as a callback URL saw it: the raw bytes, so that signatures can be checked over them. */
export interface CapturedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  // biome-ignore lint/suspicious/noExplicitAny: tests index into notifications freely.
  readonly json: any;
}

export interface CaptureReceiver {
  readonly url: string;
  readonly requests: CapturedRequest[];
  /** The status the next requests get (default 200), a function deciding per request, and extra headers. */
  respondWith(
    status: number | ((request: CapturedRequest, index: number) => number),
    headers?: Record<string, string>,
  ): void;
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<CapturedRequest[]>;
}

/** A callback URL on 127.0.0.1:0 that records every request; closed when the test ends. */
export async function captureReceiver(
  t: { teardown: (fn: () => Promise<void>) => void },
  path = "/hooks/box",
): Promise<CaptureReceiver> {
  const requests: CapturedRequest[] = [];
  let decide: (request: CapturedRequest, index: number) => number = () => 200;
  let extraHeaders: Record<string, string> = {};
  const waiters: Array<() => void> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      let json: unknown;
      try {
        json = JSON.parse(body.toString("utf8"));
      } catch {
        json = undefined;
      }
      const captured = { method: request.method ?? "", path: request.url ?? "", headers: request.headers, body, json };
      requests.push(captured);
      response.writeHead(decide(captured, requests.length - 1), {
        ...extraHeaders,
        "content-type": "application/json",
      });
      response.end("{}");
      for (const wake of waiters.splice(0)) {
        wake();
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    respondWith(status, headers = {}) {
      decide = typeof status === "number" ? () => status : status;
      extraHeaders = headers;
    },
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`expected ${count} requests at the receiver, got ${requests.length}`);
        }
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return requests.slice(0, count);
    },
  };
}
