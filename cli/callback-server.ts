import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The path of the loopback redirect URI: `http://127.0.0.1:<port>/callback`. */
export const CALLBACK_PATH = "/callback";

/** What the browser is shown once the redirect has been dealt with. */
export interface CallbackPage {
  readonly status: number;
  readonly title: string;
  readonly text: string;
}

export interface LoopbackCallback {
  /** `http://127.0.0.1:<port>/callback`. */
  readonly redirectUri: string;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 only (never on all interfaces: the redirect carries a grant code) for the one OAuth redirect
 * of an authorization. The first request to `/callback` goes to `onRedirect`, whose page answers the browser; any
 * later one is told that the authorization already ended. Other paths (a browser's `/favicon.ico`) get a 404.
 */
export async function listenForRedirect(
  port: number,
  onRedirect: (parameters: URLSearchParams) => Promise<CallbackPage>,
): Promise<LoopbackCallback> {
  let handled = false;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method !== "GET" || url.pathname !== CALLBACK_PATH) {
      writePage(response, { status: 404, title: "Not found", text: "This server only takes the Box redirect." });
      return;
    }
    if (handled) {
      writePage(response, {
        status: 409,
        title: "Already done",
        text: "This authorization has already ended. You can close this tab.",
      });
      return;
    }
    handled = true;
    onRedirect(url.searchParams).then(
      (page) => writePage(response, page),
      () => writePage(response, { status: 500, title: "Error", text: "The authorization failed; see the terminal." }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    redirectUri: `http://127.0.0.1:${actualPort}${CALLBACK_PATH}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/**
 * A small self-contained page: nothing loaded from anywhere (the address bar holds the code, and a sub-resource
 * could leak it as a referrer), not cached, and the connection closed after it.
 */
function writePage(response: ServerResponse, page: CallbackPage): void {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">
<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.text)}</p>
</body></html>
`;
  response.writeHead(page.status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": String(Buffer.byteLength(html)),
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    connection: "close",
  });
  response.end(html);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? "");
