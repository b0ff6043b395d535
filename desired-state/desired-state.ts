import type { PassThroughValue } from "../provider/mapping/box-instance-state.js";

/** A place in the desired-state file, 1-based as editors show it. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Where a secret comes from. The file never holds a secret itself, only one of these references.
 * `path` is the secret field the reference was written in (`defaults.oauth.apiSecret` when an instance inherits
 * it) and `at` where its config key or variable name is written, so that a problem found when it is resolved can
 * point at the file.
 */
export type SecretReference = ConfigSecretReference | EnvSecretReference;

/** `{ secret: <stack config key> }`: read with `pulumi.Config#getSecret` when the instances are declared. */
export interface ConfigSecretReference {
  readonly kind: "config";
  /** The config namespace: the part before `:`, or the project's name when the key has none (`undefined`). */
  readonly namespace: string | undefined;
  /** The key within its namespace. */
  readonly key: string;
  readonly path: string;
  readonly at: SourcePosition;
}

/**
 * `{ env: NAME }`: read from the environment when the file is loaded (an unset variable is a load error). The value
 * is a non-enumerable property so that logging or serializing the desired state never shows it.
 */
export interface EnvSecretReference {
  readonly kind: "env";
  readonly name: string;
  readonly value: string;
  readonly path: string;
  readonly at: SourcePosition;
}

/** One entry of `instances`, with `defaults` merged in and every rule checked. */
export interface DesiredInstance {
  /** The key under `instances`: the Pulumi resource name, stable across runs. */
  readonly logicalName: string;
  /** The AMPLIFY instance name; absent means the resource picks one (logical name plus a random suffix). */
  readonly name?: string;
  /** The OAuth grant code (`authorization.code`). */
  readonly authorizationCode?: SecretReference;
  /**
   * An existing Box refresh token (`authorization.refreshToken`). At most one of the two is set; neither only
   * when `adopt` is.
   */
  readonly refreshToken?: SecretReference;
  readonly oauth: {
    readonly apiKey: string;
    readonly apiSecret: SecretReference;
    readonly callbackUrl: string;
  };
  /** Absent when neither the instance nor `defaults` mention events. */
  readonly events?: {
    readonly enabled: boolean;
    readonly callbackUrl?: string;
    readonly signatureKey?: SecretReference;
  };
  /** Absent when neither the instance nor `defaults` have tags; otherwise the union, defaults first. */
  readonly tags?: readonly string[];
  /** Absent when neither the instance nor `defaults` have configuration; otherwise merged, the instance winning. */
  readonly configuration?: Readonly<Record<string, PassThroughValue>>;
  /** The decimal id of an existing instance to take over. */
  readonly adopt?: string;
}

/** A desired-state file that passed every check. */
export interface DesiredState {
  /** The file name problems are reported against, as given to the loader. */
  readonly file: string;
  /** The format version; `1` whether or not the file says so. */
  readonly version: 1;
  /** In file order. */
  readonly instances: readonly DesiredInstance[];
}
