import type * as pulumi from "@pulumi/pulumi";
import requireFromString from "require-from-string";
import { PROVIDER_SOURCE } from "../../provider/dynamic/provider-source.js";
import type { BoxInstanceInputs, BoxInstanceOutputs } from "../../provider/mapping/box-instance-state.js";

export type LoadedProvider = Required<pulumi.dynamic.ResourceProvider<BoxInstanceInputs, BoxInstanceOutputs>>;

/**
 * Evaluates a `__provider` text the way @pulumi/pulumi's dynamic-provider host does
 * (`requireFromString(text).handler()`, resolving modules from the working directory), in this process.
 */
export function loadProviderSource(source: string = PROVIDER_SOURCE): LoadedProvider {
  return (requireFromString(source) as { handler(): LoadedProvider }).handler();
}
