import test from "ava";
import { checkInputs, UNKNOWN_VALUE } from "../../provider/mapping/check-inputs.js";
import { boxInputs } from "../helpers/box-inputs.js";

const asRecord = (value: unknown) => value as Record<string, unknown>;

test("valid inputs pass and events.enabled defaults to false", (t) => {
  const { failures, inputs } = checkInputs(asRecord(boxInputs({ events: { callbackUrl: "https://x.example/h" } })));
  t.deepEqual(failures, []);
  t.is(inputs.events?.enabled, false);
});

test("a missing name is generated from the logical name once, then kept", (t) => {
  const news = asRecord(boxInputs({ autoNamePrefix: "prod-events" }));
  delete news.name;
  const first = checkInputs(news).inputs.name ?? "";
  t.regex(first, /^prod-events-[0-9a-f]{7}$/);
  t.is(checkInputs(news, { name: first }).inputs.name, first);
});

test("every failure names its property, and all are reported at once", (t) => {
  const news = asRecord({
    ...boxInputs(),
    oauth: { apiKey: "", apiSecret: "s3cr3t-value", callbackUrl: "ftp://nope", extra: 1 },
    events: { enabled: true },
    tags: ["prod", "prod", "pulumi:x"],
    configuration: { "oauth.api.key": "x", "event.notification.basic.password": "p", "a.b": { nested: true } },
    adoptInstanceId: "12ab",
    bogus: true,
  });
  const properties = checkInputs(news).failures.map((failure) => failure.property);
  t.deepEqual(properties.sort(), [
    "adoptInstanceId",
    "bogus",
    'configuration["a.b"]',
    'configuration["event.notification.basic.password"]',
    'configuration["oauth.api.key"]',
    "events.callbackUrl",
    "oauth.apiKey",
    "oauth.callbackUrl",
    "oauth.extra",
    "tags[1]",
    "tags[2]",
  ]);
});

test("events.callbackUrl is required when events are enabled, with the reason", (t) => {
  const { failures } = checkInputs(asRecord(boxInputs({ events: { enabled: true } })));
  t.deepEqual(failures, [
    {
      property: "events.callbackUrl",
      reason: "is required when events are enabled: an http(s) URL (the URL AMPLIFY posts events to)",
    },
  ]);
});

test("authorizationCode is required unless an instance is adopted", (t) => {
  const news = asRecord(boxInputs());
  delete news.authorizationCode;
  t.deepEqual(
    checkInputs(news).failures.map((f) => f.property),
    ["authorizationCode"],
  );
  t.deepEqual(checkInputs({ ...news, adoptInstanceId: "427236" }).failures, []);
});

test("a name with HTML markup is refused because AMPLIFY would strip it", (t) => {
  const { failures } = checkInputs(asRecord(boxInputs({ name: "<b>Box</b>" })));
  t.is(failures[0]?.property, "name");
  t.regex(failures[0]?.reason ?? "", /HTML markup/);
});

test("values unknown at preview are not judged", (t) => {
  const news = asRecord(
    boxInputs({ events: { enabled: true, callbackUrl: UNKNOWN_VALUE }, oauth: UNKNOWN_VALUE as never }),
  );
  t.deepEqual(checkInputs(news).failures, []);
});

test("failure reasons never repeat a secret value", (t) => {
  const secret = "super-secret-client-value-123";
  const news = asRecord({ ...boxInputs(), oauth: { apiKey: 5, apiSecret: secret, callbackUrl: "x" } });
  const text = JSON.stringify(checkInputs(news).failures);
  t.false(text.includes(secret));
});

test('"********" is refused wherever a value is sent, because AMPLIFY reads it as "unchanged"', (t) => {
  const { failures } = checkInputs({
    ...boxInputs(),
    oauth: { apiKey: "********", apiSecret: "********", callbackUrl: "https://app.example.com/oauth/box" },
    events: { enabled: false, signatureKey: "********" },
    configuration: { "filter.response.nulls": "********" },
  } as unknown as Record<string, unknown>);
  t.deepEqual(
    failures.map((failure) => failure.property),
    ["oauth.apiKey", "oauth.apiSecret", "events.signatureKey", 'configuration["filter.response.nulls"]'],
  );
  t.regex(failures[0]?.reason ?? "", /must not be "\*\*\*\*\*\*\*\*": AMPLIFY answers that in place of a masked value/);
});
