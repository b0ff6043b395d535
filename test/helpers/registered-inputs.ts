import * as pulumi from "@pulumi/pulumi";
import { BoxConnectorInstance, type BoxConnectorInstanceArgs } from "../../provider/resource/box-connector-instance.js";

// How the SDK marks a secret value on the wire (`specialSigKey` and `specialSecretSig` in @pulumi/pulumi's runtime/rpc.js).
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

const waiting = new Map<string, (inputs: Record<string, unknown>) => void>();
let mocked: Promise<void> | undefined;

/**
 * The inputs the real `BoxConnectorInstance` registers for `new BoxConnectorInstance(logicalName, args)`, taken from
 * Pulumi's mock engine (one per test process), as the engine sends them to a dynamic-provider host that does not
 * accept secrets: secret values unwrapped, `__provider` left out (the host helper adds the text it runs). So a test
 * of the host checks what the resource class really sends, and fails when that changes.
 */
export async function registeredInputs(
  logicalName: string,
  args: BoxConnectorInstanceArgs,
  project: string,
  stack: string,
): Promise<Record<string, unknown>> {
  mocked ??= pulumi.runtime.setMocks(
    {
      newResource(registration) {
        const { __provider: _provider, ...inputs } = plain(registration.inputs) as Record<string, unknown>;
        waiting.get(registration.name)?.(inputs);
        waiting.delete(registration.name);
        return { id: `id-${registration.name}`, state: {} };
      },
      call: () => ({}),
    },
    project,
    stack,
    false,
  );
  await mocked;
  return new Promise((resolve) => {
    waiting.set(logicalName, resolve);
    new BoxConnectorInstance(logicalName, args);
  });
}

function plain(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    if (record[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE) {
      return plain(record.value);
    }
    return Object.fromEntries(
      Object.entries(record)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, plain(item)]),
    );
  }
  return value;
}
