import { type DesiredStateProblem, formatProblem } from "./desired-state-problem.js";

/**
 * A desired-state file that cannot be applied. The message lists every problem, one per line, each as
 * `file:line:column path: reason`, so that one run shows everything to fix.
 */
export class DesiredStateError extends Error {
  override name = "DesiredStateError";
  readonly problems: readonly DesiredStateProblem[];

  constructor(problems: readonly DesiredStateProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`The desired-state file has ${count}:\n${problems.map(formatProblem).join("\n")}`);
    this.problems = problems;
  }
}
