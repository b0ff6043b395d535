/**
 * What each part of one instance's state is for, by path (bench/state-anatomy.ts). A part missing here shows as
 * "(not described)" in BENCHMARKS.md, so that a new one cannot go unexplained.
 */
export const STATE_PURPOSES: Readonly<Record<string, string>> = {
  "{}": "the resource object's braces",
  urn: "engine: the resource's name in the stack (stack, project, type, logical name)",
  custom: "engine: a custom resource, managed by a provider",
  id: "engine: the AMPLIFY instance id; the class's `instanceId` output is derived from it",
  type: "engine: the type token; `pulumi-nodejs:dynamic/…` sends it to the dynamic-provider host",
  inputs: "engine: the inputs as the program registered them, compared by the next preview",
  outputs: "engine: what the provider returned; the dynamic provider's diff sees only these",
  parent: "engine: the stack resource",
  provider: "engine: the default pulumi-nodejs provider's URN and id",
  propertyDependencies: "engine: which resources each input depends on (none here), one entry per input",
  additionalSecretOutputs: "engine: the outputs to encrypt (`token`); the dynamic-provider host cannot mark secrets",
  created: "engine: when the resource was created",
  modified: "engine: when it last changed",
  sourcePosition: "engine: where the program registered it",
  stackTrace: "engine: the program's call stack at registration",
  "inputs.__provider":
    "the provider text the dynamic-provider host evaluates: one `require` of the installed package, no credentials",
  "outputs.__provider": "the same text: the host adds it to the outputs, which `read` and `delete` load it from",
  "inputs.name": "input: the instance name",
  "inputs.autoNamePrefix": "input: the logical name, the stem of a generated name",
  "inputs.ownershipTag": "input: the tag that marks the instance as this resource's, found again after a crash",
  "inputs.authorizationCode": "input, secret (encrypted): the grant code",
  "inputs.refreshToken": "input, secret (encrypted): a Box refresh token",
  "inputs.oauth": "input: the Box app; its client secret encrypted",
  "inputs.events": "input: webhook settings; a signature key encrypted",
  "inputs.tags": "input: the user's tags",
  "inputs.configuration": "input: pass-through configuration",
  "inputs.adoptInstanceId": "input: the instance to adopt",
  "outputs.name": "output users read, and diff's name drift: the name AMPLIFY holds",
  "outputs.tags": "output users read, and diff's tag drift: the tags AMPLIFY holds, ownership tags left out",
  "outputs.token": "output users read, secret (encrypted): the instance token; also keys the secret digests",
  "outputs.configuration":
    "output users read, and diff's drift: the values AMPLIFY holds for the keys this resource manages",
  "outputs.status": "output users read (`createdDate`; `valid`, `disabled` only when unusual)",
  "outputs.secretDigests": "for diff: keyed digests of the secret inputs last applied (AMPLIFY masks them)",
  "outputs.ownershipTag": "for diff: the ownership tag the instance carries (a stack rename retags it)",
  "outputs.adoptInstanceId": "for diff: the adopted id (pointing it elsewhere replaces)",
};
