import type * as pulumi from "@pulumi/pulumi";
import type { BoxInstanceInputs, BoxInstanceOutputs } from "../mapping/box-instance-state.js";
import type { instanceOperations } from "./instance-operations.js";

/**
 * The module the provider process loads, by package name. Pulumi writes the provider object into state with
 * everything its functions reference; referencing the implementation by name keeps that to a few hundred bytes
 * per resource, keeps classes and module state out of the serializer, and makes `pulumi destroy` run the installed
 * release. Keep this name stable across releases: state written by older releases requires it.
 */
const IMPLEMENTATION = "pulumi-amplify-box/dist/provider/dynamic/instance-operations.js";

function operations(): typeof instanceOperations {
  try {
    // Resolved in the provider process, whose working directory is the Pulumi program's folder.
    return require(IMPLEMENTATION).instanceOperations;
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new Error(
      `the BoxConnectorInstance provider could not load ${IMPLEMENTATION} (${detail}); ` +
        "install pulumi-amplify-box in the Pulumi program's node_modules (npm install pulumi-amplify-box)",
    );
  }
}

/** The one provider object every `BoxConnectorInstance` uses. */
export const boxConnectorInstanceProvider: Required<
  pulumi.dynamic.ResourceProvider<BoxInstanceInputs, BoxInstanceOutputs>
> = {
  configure: (request) => operations().configure(request),
  check: (olds, news) => operations().check(olds, news),
  diff: (id, olds, news) => operations().diff(id, olds, news),
  create: (inputs) => operations().create(inputs),
  read: (id, props) => operations().read(id, props),
  update: (id, olds, news) => operations().update(id, olds, news),
  delete: (id, props) => operations().delete(id, props),
};
