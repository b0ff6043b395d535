import test from "ava";
import { formatAccessLogLine } from "../../sandbox/access-log.js";
import { decodePageToken, encodePageToken } from "../../sandbox/api/page-token.js";
import { parseCliArguments } from "../../sandbox/cli-options.js";
import { matchPathPattern } from "../../sandbox/protocol/path-pattern.js";
import { sanitizeInstanceName } from "../../sandbox/store/sanitize-name.js";
import { maskConfiguration } from "../../sandbox/store/secrets.js";
import { isoSeconds, nextUpdatedDate } from "../../sandbox/store/timestamps.js";

test("path patterns capture {name} segments and a trailing * takes the rest", (t) => {
  t.deepEqual(matchPathPattern("/instances/{id}", "/instances/42"), { id: "42" });
  t.deepEqual(matchPathPattern("/instances/{id}", "/instances/42/"), { id: "42" });
  t.is(matchPathPattern("/instances/{id}", "/instances/42/configuration"), undefined);
  t.is(matchPathPattern("/instances/{id}", "/instances"), undefined);
  t.deepEqual(matchPathPattern("/instances/*", "/instances"), {});
  t.deepEqual(matchPathPattern("/instances/*", "/instances/1/enabled"), {});
  t.deepEqual(matchPathPattern("/*", "/anything/at/all"), {});
  t.is(matchPathPattern("/instances/{id}", "/instances/%zz"), undefined);
});

test("names lose their HTML but keep their entities", (t) => {
  t.is(sanitizeInstanceName('<a href=x onclick="alert(1)">y</a>'), "y");
  t.is(sanitizeInstanceName("  Box <b>prod</b> events "), "Box prod events");
  t.is(sanitizeInstanceName("&lt;b&gt;"), "&lt;b&gt;");
  t.is(sanitizeInstanceName("a < b"), "a < b");
});

test("dates are whole seconds, and updatedDate always moves forward", (t) => {
  t.is(isoSeconds(new Date("2017-06-06T21:29:33.456Z")), "2017-06-06T21:29:33Z");
  const now = new Date("2020-01-01T00:00:00.500Z");
  t.is(nextUpdatedDate("2020-01-01T00:00:00Z", now), "2020-01-01T00:00:01Z");
  t.is(nextUpdatedDate("2019-01-01T00:00:00Z", now), "2020-01-01T00:00:00Z");
});

test("page tokens round-trip and garbage is refused", (t) => {
  t.is(decodePageToken(encodePageToken(100042)), 100042);
  t.throws(() => decodePageToken("bm9wZQ"), { message: /Invalid nextPage token/ });
});

test("each masking mode masks its keys, and unset values stay null", (t) => {
  const configuration = {
    "oauth.api.key": "id",
    "oauth.api.secret": "s",
    "oauth.callback.url": "https://cb.example.com",
    "event.notification.basic.password": "p",
    "event.notification.signature.key": null,
  };
  t.deepEqual(maskConfiguration(configuration, "client-id-and-secrets"), {
    "oauth.api.key": "********",
    "oauth.api.secret": "********",
    "oauth.callback.url": "https://cb.example.com",
    "event.notification.basic.password": "********",
    "event.notification.signature.key": null,
  });
  t.deepEqual(maskConfiguration(configuration, "secrets"), {
    ...configuration,
    "oauth.api.secret": "********",
    "event.notification.basic.password": "********",
  });
  t.deepEqual(maskConfiguration(configuration, "none"), configuration);
});

test("an access-log line holds method, path, status and time only", (t) => {
  const line = formatAccessLogLine(
    {
      method: "POST",
      path: "/elements/api-v2/instances",
      query: { searchText: "secret-query" },
      status: 200,
      body: { configuration: { "oauth.api.secret": "box-secret" } },
      at: 0,
      requestId: "0".repeat(24),
    },
    3.4,
  );
  t.is(line, "POST /elements/api-v2/instances 200 3ms");
  t.is(
    formatAccessLogLine({ method: "GET", path: "/p", query: {}, status: 0, body: undefined, at: 0, requestId: "" }, 0),
    "GET /p --- 0ms",
  );
});

test("the command line maps onto sandbox options", (t) => {
  t.deepEqual(
    parseCliArguments([
      "--port",
      "8080",
      "--host",
      "0.0.0.0",
      "--latency",
      "20",
      "--duplicate-names",
      "allow",
      "--user-secret",
      "u",
      "--organization-secret",
      "o",
      "--masking",
      "none",
      "--tag-shape",
      "strings",
      "--platform-keys",
      "hidden",
      "--token-on-reauthentication",
      "keep",
      "--put-omitted-keys",
      "keep",
    ]),
    {
      kind: "start",
      options: {
        port: 8080,
        host: "0.0.0.0",
        latencyMs: 20,
        duplicateNames: "allow",
        masking: "none",
        tagShape: "strings",
        platformKeys: "hidden",
        tokenOnReauthentication: "keep",
        putOmittedKeys: "keep",
        userSecret: "u",
        organizationSecret: "o",
      },
    },
  );
  t.deepEqual(parseCliArguments([]), { kind: "start", options: {} }, "every platform switch stays at its default");
  t.throws(() => parseCliArguments(["--masking", "some"]), {
    message: '--masking must be one of client-id-and-secrets, secrets, none; got "some"',
  });
  t.deepEqual(parseCliArguments(["-h"]), { kind: "help" });
  t.throws(() => parseCliArguments(["--port", "eighty"]), { message: /--port/ });
  t.throws(() => parseCliArguments(["--nope"]));
});
