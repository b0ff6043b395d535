import test from "ava";
import { MASKED_VALUE } from "../../sandbox/index.js";
import { call, createInstance, withSandbox } from "../helpers/sandbox-http.js";

interface Entry {
  id: number;
  key: string;
  propertyValue: string | null;
}

test("the configuration sub-resource lists one entry per key, secrets masked", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);

  const answer = await call(sandbox, "GET", `/instances/${created.id}/configuration`);
  t.is(answer.status, 200);
  const entries = answer.body as Entry[];
  t.deepEqual(
    entries.map((entry) => entry.key),
    Object.keys(created.configuration),
  );
  const byKey = new Map(entries.map((entry) => [entry.key, entry]));
  t.is(byKey.get("oauth.api.secret")?.propertyValue, MASKED_VALUE);
  t.is(byKey.get("oauth.api.key")?.propertyValue, MASKED_VALUE, "masked like the instance answers it");
  t.is(byKey.get("event.notification.callback.url")?.propertyValue, null);
  t.true(entries.every((entry) => Number.isInteger(entry.id)));
  t.is(new Set(entries.map((entry) => entry.id)).size, entries.length);

  const again = await call(sandbox, "GET", `/instances/${created.id}/configuration`);
  t.deepEqual(again.body, answer.body, "entry ids are stable");
});

test("PATCH of one configuration entry changes that key only and answers the entry", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);
  const entries = (await call(sandbox, "GET", `/instances/${created.id}/configuration`)).body as Entry[];
  const nulls = entries.find((entry) => entry.key === "filter.response.nulls");
  if (nulls === undefined) {
    t.fail("no filter.response.nulls entry");
    return;
  }

  const answer = await call(sandbox, "PATCH", `/instances/${created.id}/configuration/${nulls.id}`, {
    ...nulls,
    propertyValue: false,
  });
  t.is(answer.status, 200, answer.text);
  t.is(answer.body.id, nulls.id);
  t.is(answer.body.propertyValue, "false");
  const read = await call(sandbox, "GET", `/instances/${created.id}/configuration/${nulls.id}`);
  t.is(read.body.propertyValue, "false");
  t.is(sandbox.instance(created.id)?.configuration["filter.response.nulls"], "false");
  t.is(sandbox.instance(created.id)?.configuration["oauth.api.secret"], "box-client-secret-value");
});

test("configuration entry PATCHes are checked like any update", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);
  const other = await createInstance(t, sandbox);
  const entries = (await call(sandbox, "GET", `/instances/${created.id}/configuration`)).body as Entry[];
  const idOf = (key: string): number => entries.find((entry) => entry.key === key)?.id ?? 0;

  const enabling = await call(
    sandbox,
    "PATCH",
    `/instances/${created.id}/configuration/${idOf("event.notification.enabled")}`,
    {
      propertyValue: "true",
    },
  );
  t.is(enabling.status, 400, "events need a callback URL first");
  const masked = await call(sandbox, "PATCH", `/instances/${created.id}/configuration/${idOf("oauth.api.secret")}`, {
    propertyValue: MASKED_VALUE,
  });
  t.is(masked.status, 200);
  t.is(sandbox.instance(created.id)?.configuration["oauth.api.secret"], "box-client-secret-value");
  t.is(
    (await call(sandbox, "PATCH", `/instances/${created.id}/configuration/${idOf("oauth.api.key")}`, {})).status,
    400,
  );
  t.is((await call(sandbox, "GET", `/instances/${other.id}/configuration/${idOf("oauth.api.key")}`)).status, 404);
  t.is((await call(sandbox, "GET", `/instances/${created.id}/configuration/x`)).status, 400);
});

test("DELETE and PUT on /enabled disable and enable the instance", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);

  const disabled = await call(sandbox, "DELETE", `/instances/${created.id}/enabled`);
  t.is(disabled.status, 200);
  t.true(disabled.body.disabled);
  t.true(sandbox.instance(created.id)?.disabled);
  t.true((await call(sandbox, "GET", `/instances/${created.id}`)).body.disabled);

  const enabled = await call(sandbox, "PUT", `/instances/${created.id}/enabled`);
  t.is(enabled.status, 200);
  t.false(enabled.body.disabled);
  t.is((await call(sandbox, "PUT", "/instances/424242/enabled")).status, 404);
});

test("the event log of an instance is an empty list, and a 404 for an unknown instance", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);

  const answer = await call(sandbox, "GET", `/instances/${created.id}/events`);
  t.is(answer.status, 200);
  t.deepEqual(answer.body, []);
  t.is((await call(sandbox, "GET", "/instances/424242/events")).status, 404);
});
