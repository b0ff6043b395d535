import { instanceOperations } from "./instance-operations.js";

/**
 * What the `__provider` text of every BoxConnectorInstance loads (provider-source.ts): the dynamic-provider host
 * evaluates that text and calls `handler()` on what it exports, so this module exports `handler` itself and the text
 * can be one `require`. Exported by the package as `pulumi-amplify-box/provider-host`; keep that name stable, since
 * state written by this release requires it.
 */
export function handler(): typeof instanceOperations {
  return instanceOperations;
}
