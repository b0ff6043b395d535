import test from "ava";
import { DesiredStateError, formatProblemWithoutFile, loadDesiredState } from "../../desired-state/index.js";
import { readBadCorpus } from "./helpers/corpus.js";

const corpus = readBadCorpus();

test("the bad corpus holds at least 40 files, each stating the problems it must produce", (t) => {
  t.true(corpus.length >= 40, `only ${corpus.length} bad files`);
  for (const file of corpus) {
    t.true(file.expected.length > 0, `${file.name} has no "# expect:" line`);
  }
});

for (const file of corpus) {
  test(`bad/${file.name} is refused with exactly the problems it expects`, (t) => {
    const result = loadDesiredState(file.text, "instances.yaml", { env: file.env });
    if (result.ok) {
      t.fail("the file was accepted");
      return;
    }
    t.deepEqual(result.problems.map(formatProblemWithoutFile), [...file.expected]);
  });
}

test("a refused file becomes one error listing every problem as file:line:column path: reason", (t) => {
  const text = [
    "instances:",
    "  a:",
    "    authorization: { code: { secret: boxAuthCodeA } }",
    "    oauth: { apiKey: id, apiSecret: { secret: s }, callbackUrl: https://x.example }",
    "    events: { enabled: true, callbackUrl: mailto:hooks@example.com }",
    "    tags: [prod, prod]",
  ].join("\n");
  const result = loadDesiredState(text, "stacks/prod.yaml", { env: {} });
  t.false(result.ok);
  const error = new DesiredStateError(result.ok ? [] : result.problems);
  t.is(error.name, "DesiredStateError");
  t.is(
    error.message,
    [
      "The desired-state file has 2 problems:",
      "stacks/prod.yaml:5:43 instances.a.events.callbackUrl: must be an http(s) URL (the URL AMPLIFY posts events to); got a URL with the scheme mailto:",
      'stacks/prod.yaml:6:18 instances.a.tags[1]: repeats "prod"',
    ].join("\n"),
  );
});
