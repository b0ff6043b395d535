import test from "ava";
import { call, createInstance, withSandbox } from "../helpers/sandbox-http.js";

test("DELETE answers 200 with an empty object, and the instance is gone for good", async (t) => {
  const sandbox = await withSandbox(t);
  const created = await createInstance(t, sandbox);

  const answer = await call(sandbox, "DELETE", `/instances/${created.id}`);
  t.is(answer.status, 200);
  t.deepEqual(answer.body, {});
  t.deepEqual(sandbox.instances(), []);

  const read = await call(sandbox, "GET", `/instances/${created.id}`);
  t.is(read.status, 404);
  t.is(read.body.message, `No instance found with id ${created.id}`);
  t.is((await call(sandbox, "DELETE", `/instances/${created.id}`)).status, 404, "a second delete is a 404");
  t.is((await call(sandbox, "DELETE", "/instances/abc")).status, 400);
});

test("deleting one instance leaves the others", async (t) => {
  const sandbox = await withSandbox(t);
  const kept = await createInstance(t, sandbox);
  const removed = await createInstance(t, sandbox);

  await call(sandbox, "DELETE", `/instances/${removed.id}`);
  t.deepEqual(
    sandbox.instances().map((instance) => instance.id),
    [kept.id],
  );
});
