import test from "ava";
import { MASKED_VALUE } from "../../sandbox/index.js";
import { call, createInstance, withSandbox } from "../helpers/sandbox-http.js";

test("the list holds every instance, oldest first, with tokens and masked secrets", async (t) => {
  const sandbox = await withSandbox(t);
  const first = await createInstance(t, sandbox);
  const second = await createInstance(t, sandbox);

  const answer = await call(sandbox, "GET", "/instances");
  t.is(answer.status, 200);
  t.deepEqual(
    answer.body.map((instance: { id: number }) => instance.id),
    [first.id, second.id],
  );
  t.is(answer.body[0].token, first.token);
  t.is(answer.body[0].configuration["oauth.api.secret"], MASKED_VALUE);
  t.is(answer.headers.get("elements-next-page-token"), null);
});

test("tags[] keeps the instances that have every tag given", async (t) => {
  const sandbox = await withSandbox(t);
  await createInstance(t, sandbox, { name: "a", tags: ["prod", "eu"] });
  await createInstance(t, sandbox, { name: "b", tags: ["prod"] });
  await createInstance(t, sandbox, { name: "c", tags: ["eu"] });

  const names = async (query: string): Promise<string[]> =>
    (await call(sandbox, "GET", `/instances?${query}`)).body.map((instance: { name: string }) => instance.name);
  t.deepEqual(await names("tags[]=prod"), ["a", "b"]);
  t.deepEqual(await names("tags[]=prod&tags[]=eu"), ["a"]);
  t.deepEqual(await names(`${encodeURIComponent("tags[]")}=eu`), ["a", "c"]);
  t.deepEqual(await names("tags[]=staging"), []);
  t.deepEqual(await names("tags=prod"), ["a", "b", "c"], "only tags[] filters, as on the platform");
});

test("searchText keeps the instances whose name contains it, in any case", async (t) => {
  const sandbox = await withSandbox(t);
  await createInstance(t, sandbox, { name: "Box Prod Events" });
  await createInstance(t, sandbox, { name: "box staging" });

  const answer = await call(sandbox, "GET", "/instances?searchText=PROD");
  t.deepEqual(
    answer.body.map((instance: { name: string }) => instance.name),
    ["Box Prod Events"],
  );
  t.is((await call(sandbox, "GET", "/instances?searchText=box")).body.length, 2);
});

test("pages follow elements-next-page-token until the last page, which has none", async (t) => {
  const sandbox = await withSandbox(t);
  const ids: number[] = [];
  for (let index = 0; index < 5; index += 1) {
    ids.push((await createInstance(t, sandbox, { tags: index === 2 ? ["other"] : ["paged"] })).id);
  }

  const seen: number[] = [];
  let token: string | null = null;
  let pages = 0;
  do {
    const query: string = `tags[]=paged&pageSize=2${token === null ? "" : `&nextPage=${encodeURIComponent(token)}`}`;
    const answer = await call(sandbox, "GET", `/instances?${query}`);
    t.is(answer.status, 200);
    t.true(answer.body.length <= 2);
    seen.push(...answer.body.map((instance: { id: number }) => instance.id));
    token = answer.headers.get("elements-next-page-token");
    pages += 1;
  } while (token !== null && pages < 10);

  t.is(pages, 2);
  t.deepEqual(
    seen,
    ids.filter((_, index) => index !== 2),
  );
});

test("the default page holds 200 instances", async (t) => {
  const sandbox = await withSandbox(t);
  for (let index = 0; index < 201; index += 1) {
    await createInstance(t, sandbox);
  }
  const first = await call(sandbox, "GET", "/instances");
  t.is(first.body.length, 200);
  const token = first.headers.get("elements-next-page-token");
  t.truthy(token);
  const second = await call(sandbox, "GET", `/instances?nextPage=${encodeURIComponent(token ?? "")}`);
  t.is(second.body.length, 1);
  t.is(second.headers.get("elements-next-page-token"), null);
});

test("hydrate=false leaves the configuration out of the list", async (t) => {
  const sandbox = await withSandbox(t);
  await createInstance(t, sandbox);

  const answer = await call(sandbox, "GET", "/instances?hydrate=false");
  t.false("configuration" in answer.body[0]);
  t.is(typeof answer.body[0].token, "string");
  t.true("configuration" in (await call(sandbox, "GET", "/instances?hydrate=true")).body[0]);
});

test("a bad pageSize or page token is refused with 400", async (t) => {
  const sandbox = await withSandbox(t);
  for (const query of ["pageSize=0", "pageSize=abc", "pageSize=501", "nextPage=garbage"]) {
    const answer = await call(sandbox, "GET", `/instances?${query}`);
    t.is(answer.status, 400, query);
    t.is(typeof answer.body.message, "string");
  }
});
