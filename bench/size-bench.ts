import * as pulumi from "@pulumi/pulumi";
import { boxConnectorInstanceProvider } from "../provider/dynamic/box-connector-instance-provider.js";

export interface SizeFigures {
  /** UTF-8 bytes of `__provider`, the provider as `dynamic.Resource` serializes it. */
  readonly serializedProviderBytes: number;
  /** The state holds it in the inputs and in the outputs of every resource. */
  readonly copiesPerResource: number;
}

/** Serializes the provider exactly as @pulumi/pulumi's dynamic.Resource does (`serializeFunction(() => provider)`). */
export async function benchSize(): Promise<SizeFigures> {
  const provider = boxConnectorInstanceProvider;
  const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return { serializedProviderBytes: Buffer.byteLength(text), copiesPerResource: 2 };
}
