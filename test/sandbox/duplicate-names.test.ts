import test from "ava";
import { boxCreateBody, call, createInstance, withSandbox } from "../helpers/sandbox-http.js";

test("with duplicateNames allow two instances may share a name", async (t) => {
  const sandbox = await withSandbox(t, { duplicateNames: "allow" });
  await createInstance(t, sandbox, { name: "same" });
  await createInstance(t, sandbox, { name: "same" });
  t.is(sandbox.instances().length, 2);
});

test("by default (duplicateNames reject) a create onto an existing name is a 409 that spends no code", async (t) => {
  const sandbox = await withSandbox(t);
  await createInstance(t, sandbox, { name: "same" });

  const body = boxCreateBody({ name: "<i>same</i>" });
  const answer = await call(sandbox, "POST", "/instances", body);
  t.is(answer.status, 409);
  t.is(answer.body.message, "An instance with the name 'same' already exists");
  t.is(sandbox.instances().length, 1);

  const retry = await call(sandbox, "POST", "/instances", { ...body, name: "different" });
  t.is(retry.status, 200, "the code of the refused create is still good");
});

test("by default a rename or PUT onto another's name is a 409, onto its own name fine", async (t) => {
  const sandbox = await withSandbox(t);
  await createInstance(t, sandbox, { name: "taken" });
  const mine = await createInstance(t, sandbox, { name: "mine" });

  t.is((await call(sandbox, "PATCH", `/instances/${mine.id}`, { name: "taken" })).status, 409);
  const put = boxCreateBody({ name: "taken" });
  delete put.providerData;
  t.is((await call(sandbox, "PUT", `/instances/${mine.id}`, put)).status, 409);
  t.is((await call(sandbox, "PATCH", `/instances/${mine.id}`, { name: "mine" })).status, 200);
  t.is(sandbox.instance(mine.id)?.name, "mine");
});
