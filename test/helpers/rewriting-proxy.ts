import { once } from "node:events";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback proxy in front of a sandbox that rewrites its JSON answers: a stand-in for a platform that answers
 * some calls differently from the sandbox. Returns the base URL to point a client at.
 */
export async function rewritingProxy(
  t: { teardown: (fn: () => void) => void },
  baseUrl: string,
  rewrite: (method: string, body: Record<string, unknown>) => Record<string, unknown>,
): Promise<string> {
  const upstream = new URL(baseUrl);
  const server = createServer((incoming, outgoing) => {
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          let text = Buffer.concat(chunks).toString("utf8");
          if (answer.statusCode === 200 && text.startsWith("{")) {
            text = JSON.stringify(rewrite(incoming.method ?? "", JSON.parse(text) as Record<string, unknown>));
          }
          const headers = { ...answer.headers };
          delete headers["content-length"];
          outgoing.writeHead(answer.statusCode ?? 502, headers).end(text);
        });
      },
    );
    incoming.pipe(forward);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  t.teardown(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${upstream.pathname}`;
}
