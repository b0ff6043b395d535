/**
 * What every `BoxConnectorInstance` stores in its `__provider` property: the source of a small CommonJS module whose
 * `handler()` returns the provider object. The dynamic-provider host of @pulumi/pulumi evaluates that property with
 * `requireFromString(text).handler()` (once per distinct text, then `configure()`), whether the text came from
 * `pulumi.dynamic.Resource`'s closure serializer or, as here, from a constant.
 *
 * Why a constant instead of the serializer: the state file holds `__provider` twice per resource (inputs and
 * outputs), and the engine rewrites the whole state file after every step, so its size is paid per step and per
 * resource. The serialized closure of a shim was 2,951 bytes; this text is about 230. The program also no longer
 * loads the TypeScript parser the serializer needs, and nothing from the program's memory can reach state.
 *
 * The implementation is loaded by package name in the provider process (cwd: the program's folder), so
 * `pulumi destroy` runs the installed release. Keep IMPLEMENTATION_MODULE stable across releases: state written by
 * older releases requires it too.
 *
 * This is how the provider finds its configuration and its state: everything it keeps (the stack config from
 * `configure()`, the stack inventory, the request gates, the known secrets) is ordinary module state of that one
 * process. None of it is serialized, because nothing but this text goes into state.
 */
export const IMPLEMENTATION_MODULE = "pulumi-amplify-box/dist/provider/dynamic/instance-operations.js";

/**
 * Kept short on purpose (it is stored twice per resource); when the package cannot be resolved, the message says
 * what to install before Node's own "Cannot find module".
 */
export const PROVIDER_SOURCE =
  `exports.handler=function(){try{return require(${JSON.stringify(IMPLEMENTATION_MODULE)}).instanceOperations}` +
  `catch(e){throw new Error("BoxConnectorInstance: npm install pulumi-amplify-box in the Pulumi program's folder; "+e.message)}};`;
