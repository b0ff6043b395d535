import test from "ava";
import { type DesiredStateProblem, loadDesiredState } from "../../desired-state/index.js";
import { checkInputs } from "../../provider/mapping/check-inputs.js";
import { boxInputs } from "../helpers/box-inputs.js";

/**
 * One rule, one wording: the same bad value written in instances.yaml and passed to the provider's `check` is
 * reported with the same words; only where differs (the file's line and column, the resource's property path).
 */

const OAUTH =
  "    oauth: { apiKey: client-id-a, apiSecret: { secret: s }, callbackUrl: https://app.example.com/oauth/box }";

function loaderSays(lines: readonly string[]): string[] {
  const text = ["instances:", "  a:", "    authorization: { code: { secret: c } }", ...lines, ""].join("\n");
  const result = loadDesiredState(text, "instances.yaml", { env: {} });
  return result.ok ? [] : result.problems.map((problem: DesiredStateProblem) => problem.message);
}

function checkSays(overrides: Record<string, unknown>): string[] {
  const inputs = { ...boxInputs(), ...overrides } as unknown as Record<string, unknown>;
  return checkInputs(inputs).failures.map((failure) => failure.reason);
}

const CASES: ReadonlyArray<{ rule: string; file: string[]; inputs: Record<string, unknown> }> = [
  { rule: "name with HTML", file: [OAUTH, '    name: "<b>Box</b>"'], inputs: { name: "<b>Box</b>" } },
  { rule: "name too long", file: [OAUTH, `    name: ${"n".repeat(300)}`], inputs: { name: "n".repeat(300) } },
  { rule: "blank name", file: [OAUTH, '    name: " "'], inputs: { name: " " } },
  { rule: "ownership-tag prefix", file: [OAUTH, "    tags: [pulumi:x]"], inputs: { tags: ["pulumi:x"] } },
  { rule: "repeated tag", file: [OAUTH, "    tags: [a, a]"], inputs: { tags: ["a", "a"] } },
  {
    rule: "a managed configuration key",
    file: [OAUTH, "    configuration: { oauth.api.key: x }"],
    inputs: { configuration: { "oauth.api.key": "x" } },
  },
  {
    rule: "a secret-looking configuration key",
    file: [OAUTH, "    configuration: { my.api.token: x }"],
    inputs: { configuration: { "my.api.token": "x" } },
  },
  {
    rule: "a masked configuration value",
    file: [OAUTH, '    configuration: { filter.response.nulls: "********" }'],
    inputs: { configuration: { "filter.response.nulls": "********" } },
  },
  {
    rule: "a callback URL of another scheme",
    file: ["    oauth: { apiKey: client-id-a, apiSecret: { secret: s }, callbackUrl: ftp://app.example.com/cb }"],
    inputs: { oauth: { ...boxInputs().oauth, callbackUrl: "ftp://app.example.com/cb" } },
  },
  {
    rule: "a callback URL that is no URL",
    file: ["    oauth: { apiKey: client-id-a, apiSecret: { secret: s }, callbackUrl: not a url }"],
    inputs: { oauth: { ...boxInputs().oauth, callbackUrl: "not a url" } },
  },
  {
    rule: "a blank client id",
    file: ['    oauth: { apiKey: " ", apiSecret: { secret: s }, callbackUrl: https://app.example.com/oauth/box }'],
    inputs: { oauth: { ...boxInputs().oauth, apiKey: " " } },
  },
  {
    rule: "events on without a URL",
    file: [OAUTH, "    events: { enabled: true }"],
    inputs: { events: { enabled: true } },
  },
  { rule: "an adopt id that is not decimal", file: [OAUTH, "    adopt: 0x1A"], inputs: { adoptInstanceId: "0x1A" } },
];

for (const { rule, file, inputs } of CASES) {
  test(`${rule}: the loader and check say the same`, (t) => {
    const fromFile = loaderSays(file);
    t.is(fromFile.length, 1, JSON.stringify(fromFile));
    t.deepEqual(checkSays(inputs), fromFile);
  });
}
