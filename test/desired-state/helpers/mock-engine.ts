import * as pulumi from "@pulumi/pulumi";

/** The project and stack the mocks run as; the ownership tag and `new pulumi.Config()` depend on them. */
export const PROJECT = "box-desired-state";
export const STACK = "test";

/** A resource as the mocked engine received it. Secret inputs appear as `{ secret: <value> }`. */
export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

/** What the mocked engine answers for a BoxConnectorInstance: derived from the logical name, so tests can predict it. */
export const mockedId = (name: string) => `id-${name}`;
export const mockedToken = (name: string) => `token-${name}`;
export const mockedName = (name: string, inputs: Record<string, unknown>) =>
  typeof inputs.name === "string" ? inputs.name : `${name}-generated`;

// The signature the SDK uses on the wire for a secret value (`unknownValue` in @pulumi/pulumi's runtime/rpc.js).
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

/**
 * Installs mocks that record every resource registered, with its inputs (the serialized provider left out and
 * outputs-only properties dropped). One engine per test process; tests using it run serially and call `reset`.
 */
export async function installMockEngine(): Promise<{ registered: RegisteredResource[]; reset: () => void }> {
  const registered: RegisteredResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = withSecretsMarked(args.inputs) as Record<string, unknown>;
        delete inputs.__provider;
        registered.push({ type: args.type, name: args.name, inputs });
        const plain = withoutSecrets(args.inputs) as Record<string, unknown>;
        return {
          id: mockedId(args.name),
          state: {
            ...plain,
            instanceId: mockedId(args.name),
            token: mockedToken(args.name),
            name: mockedName(args.name, plain),
          },
        };
      },
      call: () => ({}),
    },
    PROJECT,
    STACK,
    false,
  );
  return { registered, reset: () => registered.splice(0) };
}

/** Sets the stack config for the next program run; every key is secret, as `pulumi config set --secret` makes it. */
export function setSecretConfig(config: Readonly<Record<string, string>>): void {
  const full: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    full[key.includes(":") ? key : `${PROJECT}:${key}`] = value;
  }
  pulumi.runtime.setAllConfig(full, Object.keys(full));
}

/** The value of an Output, once the mocked engine resolved it. */
export function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => {
    output.apply((value) => {
      resolve(value);
      return value;
    });
  });
}

function isSecretValue(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE
  );
}

function withSecretsMarked(value: unknown): unknown {
  if (isSecretValue(value)) {
    return { secret: withSecretsMarked(value.value) };
  }
  return mapValue(value, withSecretsMarked);
}

function withoutSecrets(value: unknown): unknown {
  return isSecretValue(value) ? withoutSecrets(value.value) : mapValue(value, withoutSecrets);
}

function mapValue(value: unknown, map: (item: unknown) => unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(map);
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, map(item)]),
    );
  }
  return value;
}
