import test from "ava";
import { type DesiredState, loadDesiredState } from "../../desired-state/index.js";

const OAUTH = "  oauth: { apiKey: id, apiSecret: { secret: boxClientSecret }, callbackUrl: https://x.example/cb }";

function load(lines: string[], env: Record<string, string> = {}): DesiredState {
  const result = loadDesiredState(lines.join("\n"), "instances.yaml", { env });
  if (!result.ok) {
    throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  }
  return result.state;
}

test("defaults merge into each instance: the instance wins, tags are the union, configuration merges", (t) => {
  const state = load([
    "defaults:",
    OAUTH,
    "  events: { enabled: true, callbackUrl: https://x.example/hooks }",
    "  tags: [shared, team]",
    "  configuration: { a: 1, b: x }",
    "instances:",
    "  one:",
    "    authorization: { code: { secret: c1 } }",
    "    oauth: { apiKey: own-id }",
    "    events: { enabled: false }",
    "    tags: [team, own]",
    "    configuration: { b: y, c: true }",
  ]);
  const [one] = state.instances;
  t.is(one?.oauth.apiKey, "own-id");
  t.is(one?.oauth.callbackUrl, "https://x.example/cb");
  t.deepEqual(one?.events, { enabled: false, callbackUrl: "https://x.example/hooks" });
  t.deepEqual(one?.tags, ["shared", "team", "own"]);
  t.deepEqual(one?.configuration, { a: 1, b: "y", c: true });
});

test("what neither the instance nor defaults mention stays absent", (t) => {
  const state = load(["defaults:", OAUTH, "instances:", "  one: { adopt: '7' }"]);
  const [one] = state.instances;
  t.deepEqual(Object.keys(one ?? {}).sort(), ["adopt", "logicalName", "oauth"]);
});

test("adopt written as a YAML integer keeps its digits as a string", (t) => {
  const state = load([
    "defaults:",
    OAUTH,
    "instances:",
    "  a: { adopt: 427236 }",
    "  b: { adopt: 007 }",
    "  c: { adopt: 98765432109876543210 }",
  ]);
  t.deepEqual(
    state.instances.map((instance) => instance.adopt),
    ["427236", "007", "98765432109876543210"],
  );
});

test("version 1 is accepted, and is the version of a file that does not say", (t) => {
  t.is(load(["version: 1", "instances: {}"]).version, 1);
  t.is(load(["instances: {}"]).version, 1);
});

test("secret references keep where they were written and which namespace they name", (t) => {
  const state = load([
    "defaults:",
    OAUTH,
    "instances:",
    "  one:",
    "    authorization: { code: { secret: 'team-secrets:codeOne' } }",
  ]);
  const [one] = state.instances;
  t.deepEqual(one?.authorizationCode, {
    kind: "config",
    namespace: "team-secrets",
    key: "codeOne",
    path: "instances.one.authorization.code",
    at: { line: 5, column: 38 },
  });
  t.deepEqual(one?.oauth.apiSecret, {
    kind: "config",
    namespace: undefined,
    key: "boxClientSecret",
    path: "defaults.oauth.apiSecret",
    at: { line: 2, column: 45 },
  });
});

test("problems come in file order, wherever in the checks they were found", (t) => {
  const result = loadDesiredState(
    ["instances:", "  b:", "    name: x", "  a:", "    name: x", "    tags: prod"].join("\n"),
    "instances.yaml",
    { env: {} },
  );
  t.false(result.ok);
  const lines = result.ok ? [] : result.problems.map((problem) => problem.at.line);
  t.deepEqual(
    lines,
    [...lines].sort((x, y) => x - y),
  );
  t.true(lines.length >= 4);
});

test("a byte-order mark is no column: a problem on the first line is where an editor shows it", (t) => {
  const result = loadDesiredState("\uFEFFversion: 2\ninstances: {}\n", "instances.yaml", { env: {} });
  t.false(result.ok);
  t.deepEqual(result.ok ? [] : result.problems.map((problem) => problem.at), [{ line: 1, column: 10 }]);
  t.true(loadDesiredState("\uFEFFinstances: {}\n", "instances.yaml", { env: {} }).ok);
});

test("an apostrophe in plain text opens no quote: deep nesting after it is still caught", (t) => {
  const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
  const text = `instances:\n  a:\n    name: Box's app\n    configuration:\n      x: ${deep}\n`;
  const result = loadDesiredState(text, "instances.yaml", { env: {} });
  t.false(result.ok);
  t.regex(result.ok ? "" : (result.problems[0]?.message ?? ""), /nests lists and mappings more than 64 levels deep/);
});
