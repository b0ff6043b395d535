import test from "ava";
import { AmplifyApiError, AmplifyNetworkError } from "../../provider/client/amplify-error.js";
import { fetchOAuthUrl } from "../../provider/client/oauth-url-client.js";
import type { Sandbox } from "../../sandbox/index.js";
import { boxCreateBody, call, callAdmin, withSandbox } from "../helpers/sandbox-http.js";

const API_SECRET = "box-client-secret-Zk29xQ7pLm4n";
const CALLBACK = "http://127.0.0.1:8765/callback";

const oauthUrlPath = (query: Record<string, string>) => `/elements/box/oauth/url?${new URLSearchParams(query)}`;

async function oauthUrlFor(sandbox: Sandbox, state = "state-123", callbackUrl = CALLBACK): Promise<string> {
  const answer = await call(
    sandbox,
    "GET",
    oauthUrlPath({ apiKey: "box-client-id", apiSecret: API_SECRET, callbackUrl, state }),
  );
  return answer.body.oauthUrl;
}

/** One visit to the authorize page, as a browser makes it, without following the redirect. */
async function visit(url: string): Promise<{ status: number; location: URL | undefined }> {
  const response = await fetch(url, { redirect: "manual" });
  const location = response.headers.get("location");
  return { status: response.status, location: location === null ? undefined : new URL(location) };
}

test("GET /elements/box/oauth/url answers the stand-in authorize page's URL, without the client secret", async (t) => {
  const sandbox = await withSandbox(t);
  const answer = await call(
    sandbox,
    "GET",
    oauthUrlPath({ apiKey: "box-client-id", apiSecret: API_SECRET, callbackUrl: CALLBACK, state: "s-1" }),
  );
  t.is(answer.status, 200);
  t.is(answer.body.element, "box");
  const url = new URL(answer.body.oauthUrl);
  t.is(url.origin, sandbox.origin);
  t.is(url.pathname, "/__sandbox/box/authorize");
  t.deepEqual(Object.fromEntries(url.searchParams), {
    response_type: "code",
    client_id: "box-client-id",
    redirect_uri: CALLBACK,
    state: "s-1",
  });
  t.false(answer.text.includes(API_SECRET));
});

test("oauth/url names every missing parameter, needs Authorization, and knows only box", async (t) => {
  const sandbox = await withSandbox(t);
  const missing = await call(sandbox, "GET", oauthUrlPath({ apiKey: "box-client-id" }));
  t.is(missing.status, 400);
  t.is(missing.body.message, "Missing required query parameters: apiSecret, callbackUrl");
  const notUrl = await call(sandbox, "GET", oauthUrlPath({ apiKey: "a", apiSecret: "b", callbackUrl: "ftp://x" }));
  t.is(notUrl.status, 400);
  t.regex(notUrl.body.message, /callbackUrl must be an http\(s\) URL/);
  const anonymous = await call(
    sandbox,
    "GET",
    oauthUrlPath({ apiKey: "a", apiSecret: "b", callbackUrl: CALLBACK }),
    undefined,
    {
      authorization: null,
    },
  );
  t.is(anonymous.status, 401);
  const other = await call(sandbox, "GET", `/elements/dropbox/oauth/url?${new URLSearchParams({ apiKey: "a" })}`);
  t.is(other.status, 404);
});

test("the authorize page redirects with a fresh code each visit, and POST /instances takes each code once", async (t) => {
  const sandbox = await withSandbox(t);
  const url = await oauthUrlFor(sandbox, "state-abc");
  const first = await visit(url);
  const second = await visit(url);
  t.is(first.status, 302);
  t.is(`${first.location?.origin}${first.location?.pathname}`, CALLBACK);
  t.is(first.location?.searchParams.get("state"), "state-abc");
  const code = first.location?.searchParams.get("code") ?? "";
  t.regex(code, /^[A-Za-z0-9]{20,}$/);
  t.not(second.location?.searchParams.get("code"), code);
  t.deepEqual(sandbox.authorize.issuedCodes, [code, second.location?.searchParams.get("code")]);

  const body = boxCreateBody({ providerData: { code } });
  t.is((await call(sandbox, "POST", "/instances", body)).status, 200);
  const again = await call(sandbox, "POST", "/instances", { ...body, name: "another" });
  t.is(again.status, 400);
  t.regex(again.body.message, /invalid_grant/);
});

test("switches make the page deny access or send another state, in-process, over HTTP and by option", async (t) => {
  const sandbox = await withSandbox(t);
  const url = await oauthUrlFor(sandbox, "mine");
  sandbox.authorize.next("deny");
  const denied = await visit(url);
  t.is(denied.location?.searchParams.get("error"), "access_denied");
  t.truthy(denied.location?.searchParams.get("error_description"));
  t.is(denied.location?.searchParams.get("code"), null);
  t.is(denied.location?.searchParams.get("state"), "mine");

  t.is((await callAdmin(sandbox, "POST", "/box/authorize/outcomes", { outcome: "wrongState", times: 2 })).status, 200);
  for (let visitNumber = 0; visitNumber < 2; visitNumber += 1) {
    const forged = await visit(url);
    t.truthy(forged.location?.searchParams.get("code"));
    t.not(forged.location?.searchParams.get("state"), "mine");
  }
  t.is((await visit(url)).location?.searchParams.get("state"), "mine", "then back to the default");
  t.is((await callAdmin(sandbox, "POST", "/box/authorize/outcomes", { outcome: "maybe" })).status, 400);

  const refusing = await withSandbox(t, { authorizeOutcome: "deny" });
  const refusingUrl = await oauthUrlFor(refusing);
  t.is((await visit(refusingUrl)).location?.searchParams.get("error"), "access_denied");
  t.is((await visit(refusingUrl)).location?.searchParams.get("error"), "access_denied");
});

test("the authorize page redirects only to a redirect URI registered through oauth/url", async (t) => {
  const sandbox = await withSandbox(t);
  await oauthUrlFor(sandbox);
  const forged = new URL("/__sandbox/box/authorize", sandbox.origin);
  forged.search = new URLSearchParams({
    response_type: "code",
    client_id: "box-client-id",
    redirect_uri: "https://attacker.example/steal",
  }).toString();
  const answer = await visit(forged.href);
  t.is(answer.status, 400);
  t.is(answer.location, undefined);
  t.deepEqual(sandbox.authorize.issuedCodes, []);
});

test("fetchOAuthUrl returns the URL, and fails with the client's errors, never showing a secret", async (t) => {
  const sandbox = await withSandbox(t);
  const settings = { ...sandbox, requestTimeoutMs: 2000 };
  const request = { apiKey: "box-client-id", apiSecret: API_SECRET, callbackUrl: CALLBACK, state: "st" };
  const { oauthUrl, element } = await fetchOAuthUrl(settings, request);
  t.is(element, "box");
  t.is(new URL(oauthUrl).searchParams.get("state"), "st");
  t.is(sandbox.requests.at(-1)?.query.apiSecret, API_SECRET, "the secret travels in the query, as the platform wants");

  const refused = await t.throwsAsync(() => fetchOAuthUrl({ ...settings, userSecret: "wrong-user-secret" }, request), {
    instanceOf: AmplifyApiError,
  });
  t.is((refused as AmplifyApiError).status, 401);
  t.regex(
    refused?.message ?? "",
    /^get the Box authorization URL failed: GET \/elements\/box\/oauth\/url answered 401/,
  );
  const invalid = await t.throwsAsync(() => fetchOAuthUrl(settings, { ...request, apiKey: "" }), {
    instanceOf: AmplifyApiError,
  });
  t.regex(invalid?.message ?? "", /Missing required query parameters: apiKey/);

  await sandbox.close();
  const unreachable = await t.throwsAsync(() => fetchOAuthUrl(settings, request, { retries: 0 }), {
    instanceOf: AmplifyNetworkError,
  });
  for (const error of [refused, invalid, unreachable]) {
    const text = `${error?.message} ${String((error as Error & { cause?: Error }).cause?.message)}`;
    t.false(text.includes(API_SECRET));
    t.false(text.includes(sandbox.userSecret));
    t.false(text.includes(sandbox.organizationSecret));
  }
});
