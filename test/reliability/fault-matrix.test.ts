import test, { type ExecutionContext } from "ava";
import type { BoxInstanceInputs } from "../../provider/mapping/box-instance-state.js";
import { toCreateBody } from "../../provider/mapping/to-create-body.js";
import { type Sandbox, startSandbox } from "../../sandbox/index.js";
import { boxInputs } from "../helpers/box-inputs.js";
import { checkAndCreate, provider } from "../helpers/provider-session.js";
import { FAULT_ROWS, type FaultRow, MATRIX_KNOBS } from "../helpers/reliability-faults.js";
import { OutcomeMatrix } from "../helpers/reliability-matrix.js";
import { OPERATION_COLUMNS, type OperationColumn, type Scenario } from "../helpers/reliability-operations.js";
import { configureWithKnobs, settle } from "../helpers/reliability-session.js";

/**
 * Every fault the sandbox can play × every operation, through the provider's methods in-process.
 * Each cell either converges, possibly after the client's retries, or fails with an error that names the operation
 * and what went wrong, leaves no duplicate and loses nothing, and converges when run again as the next `pulumi up`
 * would run it (after the fault has ended, for an outage). The outcomes are printed as Markdown tables at the end.
 *
 * The provider's configuration lives on the process, so the cells run one after another, each with its own sandbox.
 */

const matrix = new OutcomeMatrix(
  FAULT_ROWS.map((row) => row.name),
  OPERATION_COLUMNS.map((column) => column.name),
);
const RECOVERY = [
  "crash after the POST (grant code)",
  "crash after the POST (refresh token)",
  "lost POST answer, look-up down",
  "two instances carry the tag",
];
const recovery = new OutcomeMatrix(RECOVERY, ["create"], "scenario");

/** What a failure must say: the HTTP status, or that no usable answer came. */
const SAYS_WHAT_HAPPENED = /answered \d{3}|no answer \(|not valid JSON|without a body/;

/**
 * A fault that wears off must never reach the user when the operation can safely be repeated, or when what came
 * back says whether the platform acted (a 429, a slow answer, a 2xx with a broken body).
 */
const mustConvergeFirstTry = (fault: FaultRow, column: OperationColumn) =>
  !fault.persistent && (column.repeatable || fault.revealsOutcome);

async function runCell(t: ExecutionContext, fault: FaultRow, column: OperationColumn): Promise<string> {
  const sandbox = await startSandbox();
  t.teardown(() => sandbox.close());
  await configureWithKnobs(sandbox, MATRIX_KNOBS);
  const scenario = await column.prepare(sandbox);
  sandbox.clearRequests();
  await fault.arm(sandbox, scenario.target);

  const first = await settle(scenario.run());
  t.true(fault.struck(sandbox, scenario.target), "the fault met the operation's request");
  if (first.ok) {
    await scenario.verifyConverged(t);
    return "converged";
  }
  const failures = [cause(first.error)];
  checkFailure(t, scenario, first.error);
  if (fault.persistent) {
    sandbox.faults.clear();
  }
  let rerun = await settle(scenario.run());
  let outcome = fault.persistent ? "converged once the fault ended" : "converged on re-run";
  if (!rerun.ok && !fault.persistent) {
    failures.push(cause(rerun.error));
    checkFailure(t, scenario, rerun.error);
    sandbox.faults.clear();
    rerun = await settle(scenario.run());
    outcome = "converged once the fault ended";
  }
  if (!rerun.ok && scenario.freshCode !== undefined && /invalid_grant|already been used/.test(rerun.error.message)) {
    failures.push(cause(rerun.error));
    checkFailure(t, scenario, rerun.error);
    scenario.freshCode();
    rerun = await settle(scenario.run());
    outcome = "converged with a fresh grant code";
  }
  if (!rerun.ok) {
    const summary = `**did not converge**: ${[...failures, cause(rerun.error)].join(", then ")}`;
    t.fail(`did not converge once the fault ended: ${rerun.error.message}`);
    return summary;
  }
  await scenario.verifyConverged(t);
  return `failed (${failures.join(", then ")}); ${outcome}`;
}

/** A failed attempt: the error names the operation and what happened, and the sandbox is consistent. */
function checkFailure(t: ExecutionContext, scenario: Scenario, error: Error): void {
  t.regex(error.message, scenario.operation, "the error names the operation");
  t.regex(error.message, SAYS_WHAT_HAPPENED, "the error says what went wrong");
  scenario.verifyAfterFailure(t);
}

/** The short cause of a failure for the table: `503`, `ECONNRESET`, `bad JSON`. */
function cause(error: Error): string {
  if (/invalid_grant|already been used/.test(error.message)) {
    return "400 grant code already used";
  }
  const status = /answered (\d{3})/.exec(error.message)?.[1];
  const code = /no answer \(([A-Z_]+)/.exec(error.message)?.[1];
  return status ?? code ?? (/not valid JSON/.test(error.message) ? "bad JSON" : error.message.slice(0, 60));
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

const cell = test.macro({
  async exec(t, fault: FaultRow, column: OperationColumn) {
    const started = performance.now();
    let outcome = "**threw**";
    try {
      outcome = await runCell(t, fault, column);
      if (mustConvergeFirstTry(fault, column)) {
        t.is(outcome, "converged", "a fault that wears off, or that says what happened, never reaches the user");
      }
    } finally {
      matrix.record(fault.name, column.name, `${outcome} (${seconds(started)})`);
    }
  },
  title: (_, fault: FaultRow, column: OperationColumn) => `${column.name} under ${fault.name} ${column.goal}`,
});

for (const fault of FAULT_ROWS) {
  for (const column of OPERATION_COLUMNS) {
    test.serial(cell, fault, column);
  }
}

/** A sandbox and a provider configured for it, for the recovery scenarios. */
async function recoverySandbox(t: ExecutionContext, onPost?: (sandbox: Sandbox) => void): Promise<Sandbox> {
  const holder: { sandbox?: Sandbox } = {};
  const sandbox = await startSandbox({
    onRequestServed: (request) => {
      if (request.method === "POST" && holder.sandbox !== undefined) {
        onPost?.(holder.sandbox);
      }
    },
  });
  holder.sandbox = sandbox;
  t.teardown(() => sandbox.close());
  await configureWithKnobs(sandbox, MATRIX_KNOBS);
  return sandbox;
}

/** The crashed run's POST reached the platform, and the engine never recorded the instance. */
async function crashedCreate(sandbox: Sandbox, inputs: BoxInstanceInputs): Promise<number> {
  const checked = (await provider.check({} as BoxInstanceInputs, inputs)).inputs as BoxInstanceInputs;
  const posted = await fetch(`${sandbox.baseUrl}/instances`, {
    method: "POST",
    headers: { authorization: sandbox.authorization, "content-type": "application/json" },
    body: JSON.stringify(toCreateBody(checked)),
  });
  return ((await posted.json()) as { id: number }).id;
}

const crash = test.macro({
  async exec(t, authorization: "grant code" | "refresh token", row: string) {
    const sandbox = await recoverySandbox(t);
    const { authorizationCode, ...base } = boxInputs({}, "crash");
    const inputs: BoxInstanceInputs =
      authorization === "grant code"
        ? { ...base, ...(authorizationCode === undefined ? {} : { authorizationCode }) }
        : { ...base, refreshToken: "box-refresh-crash-Xc4RtwvyQ7Lk2Pz9" };
    const orphan = await crashedCreate(sandbox, inputs);
    sandbox.clearRequests();
    let outcome = "**threw**";
    try {
      const { id } = await checkAndCreate(inputs);
      const posts = sandbox.requests.filter((request) => request.method === "POST");
      const made = posts.filter((request) => request.status === 200).length;
      outcome = `took ${id === String(orphan) ? "the orphan" : "another instance"} over; POSTs sent: ${posts.length} (${posts.map((request) => request.status).join(", ") || "none"})${made > 0 ? `, ${made} duplicate made and deleted` : ""}`;
      t.is(id, String(orphan), "the orphan is the resource's instance");
      t.deepEqual(
        sandbox.instances().map((instance) => instance.id),
        [orphan],
        "exactly the one instance",
      );
      t.is(made, 0, "no second instance was made, not even for a moment");
    } finally {
      recovery.record(row, "create", outcome);
    }
  },
  title: (_, authorization: string) =>
    `create after a crash (${authorization}) takes the orphan over, making no second`,
});

test.serial(crash, "grant code", RECOVERY[0] as string);
// A refresh token is not single use: a POST sent while the orphan exists would make a second instance (and Box
// webhook), which is why create looks before it posts.
test.serial(crash, "refresh token", RECOVERY[1] as string);

test.serial("create whose POST answer was lost while the look-up is down fails, then takes over", async (t) => {
  const sandbox = await recoverySandbox(t, (self) => {
    // The platform stored the instance; its answer is lost and the look-up that would find it is down.
    self.faults.add({ kind: "status503", method: "GET", path: "/instances", times: Number.POSITIVE_INFINITY });
  });
  sandbox.faults.add({ kind: "resetAfterCommit", method: "POST", path: "/instances" });
  const inputs = boxInputs({}, "lost");
  const first = await settle(checkAndCreate(inputs));
  t.false(first.ok, "the create cannot tell whether it made the instance");
  const message = first.ok ? "" : first.error.message;
  t.regex(message, /create instance "Box lost events"|look up instances tagged/);
  t.is(sandbox.instances().length, 1, "the instance exists, unrecorded, for the next run to find");
  sandbox.faults.clear();
  const { id } = await checkAndCreate(inputs);
  t.deepEqual(
    sandbox.instances().map((instance) => String(instance.id)),
    [id],
  );
  recovery.record(RECOVERY[2] as string, "create", `failed (${message.slice(0, 90)}…); next run took it over`);
});

test.serial("create refuses to pick one of two instances carrying its tag, and adds none", async (t) => {
  const sandbox = await recoverySandbox(t);
  const inputs = boxInputs({}, "twice");
  // Two names: the default sandbox refuses a second instance of one name, and the tag is what must be shared.
  for (const [index, code] of ["twice-code-one-abcdef", "twice-code-two-abcdef"].entries()) {
    await crashedCreate(sandbox, { ...inputs, name: `${inputs.name} ${index}`, authorizationCode: code });
  }
  const [one, two] = sandbox.instances();
  const error = await t.throwsAsync(() => checkAndCreate(inputs));
  const left = sandbox.instances().length;
  recovery.record(
    RECOVERY[3] as string,
    "create",
    `failed naming ids ${one?.id}, ${two?.id}; ${left} instances left${left > 2 ? " (**one made by this create**)" : ""}`,
  );
  t.regex(error?.message ?? "", new RegExp(`ids ${one?.id}, ${two?.id}`));
  t.is(left, 2, "nothing made, nothing deleted");
});

test.after.always("print the fault matrix", () => {
  console.log(
    [
      "",
      `Fault matrix (${matrix.size} cells; requestTimeout ${MATRIX_KNOBS.requestTimeoutMs} ms, maxRetries ${MATRIX_KNOBS.maxRetries}):`,
      "",
      matrix.toMarkdown(),
      "",
      "Create recovery:",
      "",
      recovery.toMarkdown(),
      "",
    ].join("\n"),
  );
});
