import type { SourcePosition } from "./desired-state.js";

/** One thing wrong with a desired-state file. */
export interface DesiredStateProblem {
  readonly file: string;
  readonly at: SourcePosition;
  /**
   * Where in the document, as `instances.prod-events.events.callbackUrl`; empty for problems of the YAML text
   * itself (syntax), which belong to no property.
   */
  readonly path: string;
  /** What is wrong and, where it helps, what to do. Never contains a secret. */
  readonly message: string;
}

/** `instances.yaml:12:7 instances.prod-events.events.callbackUrl: must be an http(s) URL (…)` */
export function formatProblem(problem: DesiredStateProblem): string {
  return `${problem.file}:${problem.at.line}:${problem.at.column} ${describeWithoutFile(problem)}`;
}

/** The problem as `formatProblem` shows it, without the file name: `12:7 instances.a.name: …`. */
export function formatProblemWithoutFile(problem: DesiredStateProblem): string {
  return `${problem.at.line}:${problem.at.column} ${describeWithoutFile(problem)}`;
}

function describeWithoutFile(problem: DesiredStateProblem): string {
  return problem.path === "" ? problem.message : `${problem.path}: ${problem.message}`;
}

/** File order: by line, then column; problems at one place keep the order they were found in. */
export function sortProblems(problems: readonly DesiredStateProblem[]): DesiredStateProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) => a.problem.at.line - b.problem.at.line || a.problem.at.column - b.problem.at.column || a.index - b.index,
    )
    .map(({ problem }) => problem);
}
