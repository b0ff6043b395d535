import { createServer } from "node:net";
import test from "ava";
import { AuthorizeError, type AuthorizeOptions, authorize } from "../../cli/authorize.js";
import type { StackSecret } from "../../cli/pulumi-config.js";
import { AmplifyApiError } from "../../provider/client/amplify-error.js";
import type { Sandbox } from "../../sandbox/index.js";
import { boxCreateBody, call, withSandbox } from "../helpers/sandbox-http.js";

const API_SECRET = "box-client-secret-Hq81mZ0pVx3c";

interface Browser {
  /** What the loopback callback showed, once the visit has ended. */
  page(): Promise<{ status: number; text: string }>;
  readonly openUrl: (url: string) => Promise<void>;
}

/** A "browser" that opens the URL and follows redirects into the loopback callback, as a real one would. */
function browser(): Browser {
  let visit: Promise<{ status: number; text: string }> | undefined;
  return {
    openUrl: async (url) => {
      visit = fetch(url).then(async (response) => ({ status: response.status, text: await response.text() }));
      await visit;
    },
    page: () => visit ?? Promise.reject(new Error("the URL was never opened")),
  };
}

function session(sandbox: Sandbox, overrides: Partial<AuthorizeOptions> = {}) {
  const stored: StackSecret[] = [];
  const lines: string[] = [];
  const visitor = browser();
  const options: AuthorizeOptions = {
    connection: sandbox,
    apiKey: "box-client-id",
    apiSecret: API_SECRET,
    stack: "dev",
    callbackPort: 0,
    cwd: "/nonexistent/project",
    timeoutMs: 10_000,
    openUrl: visitor.openUrl,
    storeSecret: async (secret) => {
      stored.push(secret);
    },
    log: (line) => lines.push(line),
    ...overrides,
  };
  return { options, stored, lines, visitor };
}

test("authorize stores the redirect's code at once, under the given key and stack, and never logs it", async (t) => {
  const sandbox = await withSandbox(t);
  const { options, stored, lines, visitor } = session(sandbox, { configKey: "amplify-box:boxAuthCode" });
  const result = await authorize(options);
  t.regex(result.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
  t.is(stored.length, 1);
  const [secret] = stored;
  t.like(secret, { key: "amplify-box:boxAuthCode", stack: "dev", cwd: "/nonexistent/project" });
  t.deepEqual(sandbox.authorize.issuedCodes, [secret?.value]);
  const page = await visitor.page();
  t.is(page.status, 200);
  t.regex(page.text, /Box access granted/);
  const output = `${lines.join("\n")}\n${page.text}`;
  t.false(output.includes(secret?.value ?? "-"), "the code is in no log line and not on the page");
  t.false(output.includes(API_SECRET));
  t.regex(lines.join("\n"), /Open this URL in a browser[\s\S]*\/__sandbox\/box\/authorize\?/);
  t.regex(lines.at(-1) ?? "", /Stored the grant code as the secret amplify-box:boxAuthCode of stack dev/);

  const oauthCall = sandbox.requests.find((request) => request.path.endsWith("/oauth/url"));
  t.is(oauthCall?.query.callbackUrl, result.redirectUri);
  t.regex(String(oauthCall?.query.state), /^[\w-]{32}$/);
  const created = await call(sandbox, "POST", "/instances", boxCreateBody({ providerData: { code: secret?.value } }));
  t.is(created.status, 200, "the stored code provisions an instance");
});

test("each run sends a new random state", async (t) => {
  const sandbox = await withSandbox(t);
  await authorize(session(sandbox).options);
  await authorize(session(sandbox).options);
  const states = sandbox.requests.filter((r) => r.path.endsWith("/oauth/url")).map((r) => r.query.state);
  t.is(new Set(states).size, 2);
});

test("an error redirect fails clearly, tells the browser, and stores nothing", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.authorize.next("deny");
  const { options, stored, visitor } = session(sandbox);
  const error = await t.throwsAsync(() => authorize(options), { instanceOf: AuthorizeError });
  t.is(error?.reason, "DENIED");
  t.is(
    error?.message,
    "Box did not grant access: access_denied (The user denied access to your application). Nothing was stored.",
  );
  t.deepEqual(stored, []);
  const page = await visitor.page();
  t.is(page.status, 400);
  t.regex(page.text, /Authorization failed/);
});

test("a redirect with another state is refused, even though it carries a code, and nothing is stored", async (t) => {
  const sandbox = await withSandbox(t);
  sandbox.authorize.next("wrongState");
  const { options, stored, visitor } = session(sandbox);
  const error = await t.throwsAsync(() => authorize(options), { instanceOf: AuthorizeError });
  t.is(error?.reason, "STATE_MISMATCH");
  t.regex(
    error?.message ?? "",
    /state does not match the one this command sent.*Nothing was stored; run the command again/,
  );
  t.deepEqual(stored, []);
  t.is((await visitor.page()).status, 400);
  t.false(error?.message.includes(sandbox.authorize.issuedCodes[0] ?? "-"));
});

test("a failure to store names the step, not the code, and asks for another run", async (t) => {
  const sandbox = await withSandbox(t);
  const { options, visitor } = session(sandbox, {
    storeSecret: async (secret) => {
      throw new Error(`pulumi config set failed: no stack named 'dev' found (value ${secret.value})`);
    },
  });
  const error = await t.throwsAsync(() => authorize(options), { instanceOf: AuthorizeError });
  t.is(error?.reason, "STORE_FAILED");
  t.regex(error?.message ?? "", /storing it as boxAuthCode of stack dev failed: pulumi config set failed/);
  t.false(error?.message.includes(sandbox.authorize.issuedCodes[0] ?? "-"), "the code is redacted");
  t.regex((await visitor.page()).text, /run the command again/);
});

test("no redirect within the timeout fails, and the callback port is released", async (t) => {
  const sandbox = await withSandbox(t);
  const port = await freePort();
  const { options } = session(sandbox, { callbackPort: port, timeoutMs: 200, openUrl: () => undefined });
  const error = await t.throwsAsync(() => authorize(options), { instanceOf: AuthorizeError });
  t.is(error?.reason, "TIMEOUT");
  t.regex(
    error?.message ?? "",
    new RegExp(`No redirect arrived at http://127\\.0\\.0\\.1:${port}/callback within 0 s`),
  );
  await t.notThrowsAsync(() => listenOn(port), "the port is free again");
});

test("a refused oauth/url call surfaces AMPLIFY's error without secrets, and releases the port", async (t) => {
  const sandbox = await withSandbox(t);
  const port = await freePort();
  const { options, stored } = session(sandbox, {
    callbackPort: port,
    connection: { ...sandbox, organizationSecret: "not-the-organization-secret" },
  });
  const error = await t.throwsAsync(() => authorize(options), { instanceOf: AmplifyApiError });
  t.regex(error?.message ?? "", /GET \/elements\/box\/oauth\/url answered 401/);
  t.false(error?.message.includes(API_SECRET));
  t.deepEqual(stored, []);
  await t.notThrowsAsync(() => listenOn(port));
});

test("while the code is being stored, another request to the callback is refused; other paths are 404", async (t) => {
  t.plan(4);
  const sandbox = await withSandbox(t);
  let callbackUrl = "";
  let visited: Promise<void> = Promise.resolve();
  const { options } = session(sandbox, {
    openUrl: (url) => {
      visited = (async () => {
        const response = await fetch(url, { redirect: "manual" });
        callbackUrl = response.headers.get("location") ?? "";
        t.is((await fetch(callbackUrl)).status, 200);
      })();
      return visited;
    },
    storeSecret: async () => {
      t.is((await fetch(new URL("/favicon.ico", callbackUrl))).status, 404);
      t.is((await fetch(callbackUrl)).status, 409);
    },
  });
  await authorize(options);
  await visited;
  t.pass();
});

test("bad options are refused before anything listens or is asked", async (t) => {
  const sandbox = await withSandbox(t);
  const { options } = session(sandbox, { configKey: "--secret", stack: "dev; rm -rf /", callbackPort: 70_000 });
  const error = await t.throwsAsync(() => authorize(options), { instanceOf: AuthorizeError });
  t.is(error?.reason, "INVALID_OPTIONS");
  t.regex(error?.message ?? "", /config key "--secret".*stack "dev; rm -rf \/".*callback port 70000/);
  t.deepEqual(sandbox.requests, []);
});

async function freePort(): Promise<number> {
  const server = await listenOn(0);
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

function listenOn(port: number): Promise<ReturnType<typeof createServer>> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      if (port === 0) {
        resolve(server);
      } else {
        server.close(() => resolve(server));
      }
    });
  });
}
