import test from "ava";
import { parseAuthorizationHeader } from "../../sandbox/api/authorization.js";
import { boxCreateBody, call, createInstance, withSandbox } from "../helpers/sandbox-http.js";

const UNAUTHORIZED = "Invalid Organization or User secret, or invalid Element token provided.";

test("a call without Authorization is refused with 401 and the platform's message", async (t) => {
  const sandbox = await withSandbox(t);
  const answer = await call(sandbox, "GET", "/instances", undefined, { authorization: null });

  t.is(answer.status, 401);
  t.is(answer.body.message, UNAUTHORIZED);
  t.regex(answer.body.requestId, /^[0-9a-f]{24}$/);
  t.is(answer.headers.get("elements-request-id"), answer.body.requestId);
});

test("a wrong user or organization secret is refused with 401, and a refused create stores nothing", async (t) => {
  const sandbox = await withSandbox(t);
  const headers = [
    `User wrong, Organization ${sandbox.organizationSecret}`,
    `User ${sandbox.userSecret}, Organization wrong`,
    `User ${sandbox.userSecret}`,
    `Organization ${sandbox.organizationSecret}`,
    `Bearer ${sandbox.userSecret}`,
    `User ${sandbox.userSecret}, Organization ${sandbox.organizationSecret}, User other`,
  ];
  for (const authorization of headers) {
    const answer = await call(sandbox, "POST", "/instances", boxCreateBody(), { authorization });
    t.is(answer.status, 401, authorization);
    t.is(answer.body.message, UNAUTHORIZED);
  }
  t.deepEqual(sandbox.instances(), []);
});

test("the order of the pairs, their case and the spacing do not matter", async (t) => {
  const sandbox = await withSandbox(t);
  const { userSecret: user, organizationSecret: organization } = sandbox;
  for (const authorization of [
    `Organization ${organization}, User ${user}`,
    `  User   ${user} ,Organization ${organization}  `,
    `user ${user}, ORGANIZATION ${organization}`,
  ]) {
    t.is((await call(sandbox, "GET", "/instances", undefined, { authorization })).status, 200, authorization);
  }
});

test("an Element token is accepted for its own instance and refused once the instance is deleted", async (t) => {
  const sandbox = await withSandbox(t);
  const instance = await createInstance(t, sandbox);
  const other = await createInstance(t, sandbox);
  const withToken = (token: string): { authorization: string } => ({
    authorization: `${sandbox.authorization}, Element ${token}`,
  });

  t.is((await call(sandbox, "GET", `/instances/${instance.id}`, undefined, withToken(instance.token))).status, 200);
  t.is((await call(sandbox, "GET", "/instances", undefined, withToken(instance.token))).status, 200);
  t.is(
    (await call(sandbox, "GET", `/instances/${instance.id}`, undefined, withToken(other.token))).status,
    401,
    "another instance's token does not open this one",
  );
  t.is((await call(sandbox, "GET", "/instances", undefined, withToken("no-such-token"))).status, 401);

  await call(sandbox, "DELETE", `/instances/${instance.id}`);
  t.is((await call(sandbox, "GET", "/instances", undefined, withToken(instance.token))).status, 401);
});

test("the header parser keeps one secret per type and rejects malformed pairs", (t) => {
  t.deepEqual(
    [...(parseAuthorizationHeader("User u, Organization o, Element e=") ?? [])],
    [
      ["user", "u"],
      ["organization", "o"],
      ["element", "e="],
    ],
  );
  t.is(parseAuthorizationHeader(undefined), undefined);
  t.is(parseAuthorizationHeader("   "), undefined);
  t.is(parseAuthorizationHeader("User"), undefined);
  t.is(parseAuthorizationHeader("User a b, Organization o"), undefined);
  t.is(parseAuthorizationHeader("User a, User b"), undefined);
  t.deepEqual([...(parseAuthorizationHeader("User a, User a") ?? [])], [["user", "a"]]);
});
