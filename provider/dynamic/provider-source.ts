/**
 * What every `BoxConnectorInstance` stores in its `__provider` property: the source of a CommonJS module whose
 * `handler()` returns the provider object. The dynamic-provider host of @pulumi/pulumi evaluates that property with
 * `requireFromString(text).handler()` (once per distinct text, then `configure()`), whether the text came from
 * `pulumi.dynamic.Resource`'s closure serializer or, as here, from a constant.
 *
 * Why a constant instead of the serializer: the state file holds `__provider` twice per resource (inputs and
 * outputs), and the file backend rewrites the whole state file after every step, so its size is paid per step and
 * per resource. The serialized closure of a shim was 2,951 bytes; this text is 58. The program also does not load
 * the TypeScript parser the serializer needs, and nothing from the program's memory can reach state.
 *
 * The implementation is loaded by package name in the provider process (cwd: the program's folder), so
 * `pulumi destroy` runs the installed release. Where the package is missing, Node's error names it
 * ("Cannot find module 'pulumi-amplify-box/provider-host'"); a friendlier message would cost 130 bytes per copy.
 *
 * Keep PROVIDER_HOST_MODULE stable across releases: state written by this release requires it. State written by
 * earlier releases requires LEGACY_IMPLEMENTATION_MODULE, which the package keeps exporting.
 *
 * This is how the provider finds its configuration and its state: everything it keeps (the stack config from
 * `configure()`, the stack inventory, the request gates, the known secrets) is ordinary module state of that one
 * process. None of it is serialized, because nothing but this text goes into state.
 */
export const PROVIDER_HOST_MODULE = "pulumi-amplify-box/provider-host";

/** What releases before PROVIDER_HOST_MODULE required (through a longer text); their state still does. */
export const LEGACY_IMPLEMENTATION_MODULE = "pulumi-amplify-box/dist/provider/dynamic/instance-operations.js";

export const PROVIDER_SOURCE = `module.exports=require(${JSON.stringify(PROVIDER_HOST_MODULE)})`;
