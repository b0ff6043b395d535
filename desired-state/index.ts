/**
 * `pulumi-amplify-box/desired-state`: the desired-state file, `instances.yaml`, parsed, checked and turned into
 * `BoxConnectorInstance` resources. Loading is pure (no Pulumi); declaring is the only step that touches the Pulumi
 * runtime. The root program and the import command use it; the dynamic resource never does.
 */
export { type DeclaredInstance, type DeclaredInstances, declareInstances } from "./declare-instances.js";
export type {
  ConfigSecretReference,
  DesiredInstance,
  DesiredState,
  EnvSecretReference,
  SecretReference,
  SourcePosition,
} from "./desired-state.js";
export { DesiredStateError } from "./desired-state-error.js";
export {
  type DesiredStateProblem,
  formatProblem,
  formatProblemWithoutFile,
} from "./desired-state-problem.js";
export { type LoadOptions, type LoadResult, loadDesiredState } from "./load-desired-state.js";
export type { Environment } from "./read-secret-reference.js";
