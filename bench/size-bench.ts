import { PROVIDER_SOURCE } from "../provider/dynamic/provider-source.js";

export interface SizeFigures {
  /** UTF-8 bytes of `__provider`, the provider text every BoxConnectorInstance registers. */
  readonly serializedProviderBytes: number;
  /** The state holds it in the inputs and in the outputs of every resource. */
  readonly copiesPerResource: number;
}

/** The `__provider` text BoxConnectorInstance registers (a constant: provider/dynamic/provider-source.ts). */
export async function benchSize(): Promise<SizeFigures> {
  return { serializedProviderBytes: Buffer.byteLength(PROVIDER_SOURCE), copiesPerResource: 2 };
}
