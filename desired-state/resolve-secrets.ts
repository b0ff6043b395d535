import * as pulumi from "@pulumi/pulumi";
import type { DesiredState, SecretReference } from "./desired-state.js";
import { DesiredStateError } from "./desired-state-error.js";
import { type DesiredStateProblem, sortProblems } from "./desired-state-problem.js";

/** Turns a secret reference into the secret Output the resource receives. */
export type SecretResolver = (reference: SecretReference) => pulumi.Output<string>;

/**
 * Looks up every `{ secret: key }` of the state in stack config before anything is declared, so that all missing
 * keys are reported at once (with where the file refers to them) instead of the first one halfway through.
 * `{ env: NAME }` values were read when the file was loaded; both kinds come back as secret Outputs.
 */
export function resolveSecrets(state: DesiredState, config: pulumi.Config): SecretResolver {
  const problems: DesiredStateProblem[] = [];
  const resolved = new Map<string, pulumi.Output<string>>();
  const reported = new Set<string>();
  const lookUp = (reference: SecretReference): pulumi.Output<string> | undefined => {
    if (reference.kind === "env") {
      return pulumi.secret(reference.value);
    }
    const fullKey = reference.namespace === undefined ? reference.key : `${reference.namespace}:${reference.key}`;
    const known = resolved.get(fullKey);
    if (known !== undefined) {
      return known;
    }
    const source =
      reference.namespace === undefined || reference.namespace === config.name
        ? config
        : new pulumi.Config(reference.namespace);
    const value = source.getSecret(reference.key);
    if (value === undefined) {
      if (!reported.has(reference.path)) {
        reported.add(reference.path);
        problems.push({
          file: state.file,
          at: reference.at,
          path: `${reference.path}.secret`,
          message: `stack config ${fullKey} is not set; run \`pulumi config set --secret ${fullKey} <value>\``,
        });
      }
      return undefined;
    }
    resolved.set(fullKey, value);
    return value;
  };

  const outputs = new Map<SecretReference, pulumi.Output<string>>();
  for (const instance of state.instances) {
    const references = [
      instance.authorizationCode,
      instance.refreshToken,
      instance.oauth.apiSecret,
      instance.events?.signatureKey,
    ];
    for (const reference of references) {
      const value = reference === undefined ? undefined : lookUp(reference);
      if (reference !== undefined && value !== undefined) {
        outputs.set(reference, value);
      }
    }
  }
  if (problems.length > 0) {
    throw new DesiredStateError(sortProblems(problems));
  }
  return (reference) => {
    const value = outputs.get(reference);
    if (value === undefined) {
      throw new Error(`secret reference at ${reference.path} was not resolved before declaring`);
    }
    return value;
  };
}
