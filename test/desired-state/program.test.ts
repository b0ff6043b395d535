import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import test from "ava";
import {
  installMockEngine,
  mockedId,
  mockedToken,
  outputValue,
  PROJECT,
  setSecretConfig,
} from "./helpers/mock-engine.js";
import { corpusFolder, repositoryRoot } from "./helpers/repository.js";

type ProgramExports = {
  instances: Record<string, { id: pulumi.Output<string>; name: pulumi.Output<string>; token: pulumi.Output<string> }>;
  instanceIds: Record<string, pulumi.Output<string>>;
};

const engine = installMockEngine();
// The compiled program, beside this compiled test: dist/program/index.js.
const programPath = path.resolve(__dirname, "../../program/index.js");

/** Runs the root program afresh, as `pulumi up` would, from the folder of Pulumi.yaml. */
function runProgram(config: Record<string, string>): ProgramExports {
  setSecretConfig(config);
  process.chdir(repositoryRoot);
  delete require.cache[programPath];
  return require(programPath) as ProgramExports;
}

test.serial("the root program applies instances.yaml beside Pulumi.yaml by default", async (t) => {
  const { registered, reset } = await engine;
  reset();
  const program = runProgram({
    boxClientSecret: "client-secret",
    boxAuthCodeEvents: "code-events",
    boxAuthCodeArchive: "code-archive",
    boxWebhookKey: "webhook-key",
  });
  t.deepEqual(Object.keys(program.instances), ["box-events", "box-archive"]);
  t.deepEqual(Object.keys(program.instanceIds), ["box-events", "box-archive"]);
  const events = program.instances["box-events"];
  t.is(await outputValue(events?.id as pulumi.Output<string>), mockedId("box-events"));
  t.is(await outputValue(events?.name as pulumi.Output<string>), "Box events");
  t.is(await outputValue(events?.token as pulumi.Output<string>), mockedToken("box-events"));
  t.true(await pulumi.isSecret(events?.token as pulumi.Output<string>));
  t.is(await outputValue(program.instanceIds["box-archive"] as pulumi.Output<string>), mockedId("box-archive"));
  // Registration is asynchronous: the engine may see the resources in another order than they were declared.
  const byName = new Map(registered.map((resource) => [resource.name, resource.inputs]));
  t.deepEqual([...byName.keys()].sort(), ["box-archive", "box-events"]);
  t.deepEqual(byName.get("box-events")?.events, {
    secret: { enabled: true, callbackUrl: "https://app.example.com/hooks/box", signatureKey: "webhook-key" },
  });
  t.deepEqual(byName.get("box-archive")?.tags, ["managed-by-pulumi"]);
});

test.serial("stack config desiredStateFile picks another file, relative to the project folder", async (t) => {
  const { registered, reset } = await engine;
  reset();
  const file = path.relative(repositoryRoot, path.join(corpusFolder("good"), "minimal.yaml"));
  const program = runProgram({
    desiredStateFile: file,
    boxClientSecret: "client-secret",
    boxAuthCodeArchive: "code-archive",
  });
  t.deepEqual(Object.keys(program.instances), ["archive"]);
  await outputValue(program.instanceIds.archive as pulumi.Output<string>);
  t.deepEqual(
    registered.map((resource) => resource.name),
    ["archive"],
  );
});

test.serial("a file with problems stops the program with every problem and declares nothing", async (t) => {
  const { registered, reset } = await engine;
  reset();
  const file = path.relative(repositoryRoot, path.join(corpusFolder("bad"), "many-problems-at-once.yaml"));
  const error = t.throws(() => runProgram({ desiredStateFile: file }));
  t.true(pulumi.RunError.isInstance(error));
  const lines = error?.message.split("\n") ?? [];
  t.is(lines[0], "The desired-state file has 11 problems:");
  t.is(lines.length, 12);
  t.true(lines.slice(1).every((line) => line.startsWith(`${file}:`)));
  t.deepEqual(registered, []);
});

test.serial("a missing file is reported with what to do", (t) => {
  const error = t.throws(() => runProgram({ desiredStateFile: "no-such-file.yaml" }));
  t.true(pulumi.RunError.isInstance(error));
  t.is(
    error?.message,
    "The desired-state file no-such-file.yaml does not exist: fix the stack config key desiredStateFile.",
  );
});

test.serial("the config key is read in the project's namespace", (t) => {
  t.throws(() => runProgram({ [`${PROJECT}:desiredStateFile`]: "elsewhere.yaml" }), {
    message: /elsewhere\.yaml does not exist/,
  });
});
