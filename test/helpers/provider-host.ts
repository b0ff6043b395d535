/**
 * Drives the real dynamic-provider host of @pulumi/pulumi over gRPC, the way the Pulumi engine does, without the
 * Pulumi CLI.
 *
 * The host (`@pulumi/pulumi/cmd/dynamic-provider`) binds a ResourceProvider gRPC server on 127.0.0.1, prints its
 * port on stdout, and deserializes the provider from the `__provider` property of every request with
 * `require-from-string`, in a process that has never loaded this project's modules. So a call that works here
 * proves that the `__provider` text the resource registers loads and runs there: no unresolvable `require`, no
 * state assumed from the program's process.
 *
 * The host needs an engine address argument but never dials it (main() only checks that one is present; the
 * dynamic provider logs to stderr, not to the engine), so no fake engine server is needed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as GrpcModule from "@grpc/grpc-js";
import type * as ProviderGrpcModule from "@pulumi/pulumi/proto/provider_grpc_pb.js";
import type * as ProviderPbModule from "@pulumi/pulumi/proto/provider_pb.js";
import type * as StructPbModule from "google-protobuf/google/protobuf/struct_pb.js";
import { PROVIDER_SOURCE } from "../../provider/dynamic/provider-source.js";

/** The input and output property that carries the serialized provider. */
export const PROVIDER_KEY = "__provider";

/** `PULUMI_NODEJS_PROJECT` of the host: the project `configure()` sees (and that ownership tags name). */
export const HOST_PROJECT = "amplify-box-host-test";
export const HOST_STACK = "test";

/** The marker the engine wraps secret values in (@pulumi/pulumi's runtime/rpc.js `specialSigKey`/`specialSecretSig`). */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

const STARTUP_TIMEOUT_MS = 20_000;
const CALL_DEADLINE_MS = 30_000;

/*
 * Runtime modules are loaded from @pulumi/pulumi's own location, so the client, the credentials and the messages
 * come from the very copies of @grpc/grpc-js and google-protobuf that the host and the generated code use (they are
 * transitive dependencies, not this project's). The types come from their declaration files.
 */
const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = fromPulumi("@grpc/grpc-js") as typeof GrpcModule;
const providerGrpc = fromPulumi("./proto/provider_grpc_pb.js") as typeof ProviderGrpcModule;
const providerPb = fromPulumi("./proto/provider_pb.js") as typeof ProviderPbModule;
const structPb = fromPulumi("google-protobuf/google/protobuf/struct_pb.js") as typeof StructPbModule;

/** The host script the `pulumi-resource-pulumi-nodejs` plugin launcher runs. */
export const DYNAMIC_PROVIDER_HOST = path.join(
  path.dirname(require.resolve("@pulumi/pulumi/package.json")),
  "cmd",
  "dynamic-provider",
);

export type Props = Record<string, unknown>;

export interface ProviderHostOptions {
  /** Stack config as the engine passes it to Configure: namespaced keys (`amplify:userSecret`), string values. */
  readonly config: Record<string, string>;
  /**
   * Config keys sent as secret values (`pulumi config set --secret`), wrapped the way the engine marshals secrets;
   * the host unwraps them. Default: every key whose name contains "secret".
   */
  readonly secretConfigKeys?: readonly string[];
  /**
   * Added to the host's environment. The base is this process's environment without any `AMPLIFY_*` or `PULUMI_*`
   * variable, so that a developer's shell cannot change what a test sees; an `undefined` value removes a variable.
   */
  readonly env?: NodeJS.ProcessEnv;
  /** The host's working directory, where the provider's `require`s resolve (the program's folder). Default: the repo root. */
  readonly cwd?: string;
  /** The `__provider` text sent with every resource call. Default: the one BoxConnectorInstance registers. */
  readonly providerText?: string;
}

export interface ConfigureResult {
  readonly acceptSecrets: boolean;
  readonly supportsPreview: boolean;
  readonly acceptResources: boolean;
}

export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

export interface CheckResult {
  /** The checked inputs, without `__provider`. */
  readonly inputs: Props;
  readonly failures: CheckFailure[];
}

export interface DiffResult {
  readonly changes: "unknown" | "none" | "some";
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
}

export interface CreateResult {
  readonly id: string;
  /** The outputs, without `__provider`. */
  readonly properties: Props;
}

export interface ReadResult {
  readonly id: string;
  readonly properties: Props;
  /** The inputs read returned (for the preview after a refresh), when it returned any. */
  readonly inputs?: Props;
}

export interface UpdateResult {
  readonly properties: Props;
}

/** A failed gRPC call: `message` is what the engine would show the user (the host's error text). */
export class ProviderHostCallError extends Error {
  override name = "ProviderHostCallError";
  constructor(
    readonly method: string,
    readonly code: number,
    readonly details: string,
  ) {
    super(`${method} failed (gRPC status ${code}): ${details}`);
  }
}

/** The folder holding this project's package.json (the program folder whose node_modules the provider uses). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "pulumi-amplify-box"
    ) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no pulumi-amplify-box package.json above ${__dirname}`);
    }
    dir = parent;
  }
}

/**
 * Starts the real dynamic-provider host, connects to it and calls Configure with `options.config`, as the engine
 * does before any resource call. Note that the host hands its config to the provider's `configure()` only when it
 * first deserializes the provider (its provider cache), so a later `configure()` call reaches the provider only
 * if no resource call has been made yet.
 */
export async function startProviderHost(options: ProviderHostOptions): Promise<ProviderHost> {
  const providerText = options.providerText ?? PROVIDER_SOURCE;
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("AMPLIFY_") && !key.startsWith("PULUMI_")) {
      env[key] = value;
    }
  }
  Object.assign(env, { PULUMI_NODEJS_PROJECT: HOST_PROJECT, PULUMI_NODEJS_STACK: HOST_STACK }, options.env);

  // The engine address is a required argument that the host never dials.
  const child = spawn(process.execPath, [DYNAMIC_PROVIDER_HOST, "127.0.0.1:1"], {
    cwd: options.cwd ?? repoRoot(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const host = new ProviderHost(child, providerText, options.secretConfigKeys);
  try {
    await host.connect();
    host.configureResult = await host.configure(options.config);
  } catch (error) {
    await host.close();
    throw error;
  }
  return host;
}

export class ProviderHost {
  /** What Configure answered when the host started. */
  configureResult: ConfigureResult | undefined;
  #stdout = "";
  #stderr = "";
  #client: ProviderGrpcModule.ResourceProviderClient | undefined;
  readonly #exited: Promise<void>;
  #exitCode: number | null | undefined;

  constructor(
    private readonly child: ChildProcess,
    /** The serialized provider sent in `__provider`. */
    readonly providerText: string,
    private readonly secretConfigKeys: readonly string[] | undefined,
  ) {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      this.#stdout += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      this.#stderr += chunk;
    });
    this.#exited = new Promise((resolve) => {
      child.once("exit", (code) => {
        this.#exitCode = code;
        resolve();
      });
    });
  }

  /** Everything the host printed on stdout so far (the port line first). */
  get stdout(): string {
    return this.#stdout;
  }

  /** Everything the host printed on stderr so far. */
  get stderr(): string {
    return this.#stderr;
  }

  /** The host's exit code, `undefined` while it runs. */
  get exitCode(): number | null | undefined {
    return this.#exitCode;
  }

  /** @internal Waits for the port line, then opens the client. */
  async connect(): Promise<void> {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => fail(`no port on stdout within ${STARTUP_TIMEOUT_MS}ms`), STARTUP_TIMEOUT_MS);
      const onData = () => {
        const match = /^(\d+)\s*$/m.exec(this.#stdout);
        if (match?.[1] !== undefined) {
          cleanup();
          resolve(Number(match[1]));
        }
      };
      const onExit = (code: number | null) => fail(`exited with code ${code} before printing its port`);
      const fail = (why: string) => {
        cleanup();
        reject(new Error(`dynamic provider host ${why}; stderr: ${this.#stderr}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.child.stdout?.off("data", onData);
        this.child.off("exit", onExit);
      };
      this.child.stdout?.on("data", onData);
      this.child.once("exit", onExit);
      onData();
    });
    this.#client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }

  /** Configure with stack config (namespaced keys); secret keys go wrapped as the engine marshals secrets. */
  async configure(config: Record<string, string>): Promise<ConfigureResult> {
    const secretKeys = this.secretConfigKeys ?? Object.keys(config).filter((key) => /secret/i.test(key));
    const args: Props = {};
    const request = new providerPb.ConfigureRequest();
    for (const [key, value] of Object.entries(config)) {
      args[key] = secretKeys.includes(key) ? { [SECRET_SIG_KEY]: SECRET_SIG, value } : value;
      request.getVariablesMap().set(key, value);
    }
    request.setArgs(toStruct(args));
    request.setAcceptsecrets(true);
    request.setAcceptresources(true);
    const response = await this.#call<ProviderPbModule.ConfigureResponse>("Configure", (c, ...rest) =>
      c.configure(request, ...rest),
    );
    return {
      acceptSecrets: response.getAcceptsecrets(),
      supportsPreview: response.getSupportspreview(),
      acceptResources: response.getAcceptresources(),
    };
  }

  /** Check, as at preview: `olds` are the previous inputs (`{}` for a new resource), `news` the program's inputs. */
  async check(olds: Props, news: Props): Promise<CheckResult> {
    const request = addressed(new providerPb.CheckRequest());
    // A new resource has no old inputs at all, not even a provider.
    request.setOlds(toStruct(Object.keys(olds).length === 0 ? {} : this.#withProvider(olds)));
    request.setNews(toStruct(this.#withProvider(news)));
    const response = await this.#call<ProviderPbModule.CheckResponse>("Check", (c, ...rest) =>
      c.check(request, ...rest),
    );
    return {
      inputs: withoutProvider(fromStruct(response.getInputs())),
      failures: response.getFailuresList().map((failure) => ({
        property: failure.getProperty(),
        reason: failure.getReason(),
      })),
    };
  }

  /** Diff: `olds` are the recorded outputs, `news` the checked inputs. */
  async diff(id: string, olds: Props, news: Props): Promise<DiffResult> {
    const request = addressed(new providerPb.DiffRequest());
    request.setId(id);
    request.setOlds(toStruct(this.#withProvider(olds)));
    request.setNews(toStruct(this.#withProvider(news)));
    const response = await this.#call<ProviderPbModule.DiffResponse>("Diff", (c, ...rest) => c.diff(request, ...rest));
    const changes = response.getChanges();
    const { DiffChanges } = providerPb.DiffResponse;
    return {
      changes: changes === DiffChanges.DIFF_SOME ? "some" : changes === DiffChanges.DIFF_NONE ? "none" : "unknown",
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
    };
  }

  /** Create from the checked inputs. */
  async create(props: Props): Promise<CreateResult> {
    const request = addressed(new providerPb.CreateRequest());
    request.setProperties(toStruct(this.#withProvider(props)));
    const response = await this.#call<ProviderPbModule.CreateResponse>("Create", (c, ...rest) =>
      c.create(request, ...rest),
    );
    return { id: response.getId(), properties: withoutProvider(fromStruct(response.getProperties())) };
  }

  /** Read, as `pulumi refresh` does: `props` are the recorded outputs. */
  async read(id: string, props: Props): Promise<ReadResult> {
    const request = addressed(new providerPb.ReadRequest());
    request.setId(id);
    request.setProperties(toStruct(this.#withProvider(props)));
    const response = await this.#call<ProviderPbModule.ReadResponse>("Read", (c, ...rest) => c.read(request, ...rest));
    const inputs = response.getInputs();
    return {
      id: response.getId(),
      properties: withoutProvider(fromStruct(response.getProperties())),
      ...(inputs === undefined ? {} : { inputs: withoutProvider(fromStruct(inputs)) }),
    };
  }

  /** Update: `olds` are the recorded outputs, `news` the checked inputs. */
  async update(id: string, olds: Props, news: Props): Promise<UpdateResult> {
    const request = addressed(new providerPb.UpdateRequest());
    request.setId(id);
    request.setOlds(toStruct(this.#withProvider(olds)));
    request.setNews(toStruct(this.#withProvider(news)));
    const response = await this.#call<ProviderPbModule.UpdateResponse>("Update", (c, ...rest) =>
      c.update(request, ...rest),
    );
    return { properties: withoutProvider(fromStruct(response.getProperties())) };
  }

  /** Delete: `props` are the recorded outputs. */
  async delete(id: string, props: Props): Promise<void> {
    const request = addressed(new providerPb.DeleteRequest());
    request.setId(id);
    request.setProperties(toStruct(this.#withProvider(props)));
    await this.#call<unknown>("Delete", (c, ...rest) => c.delete(request, ...rest));
  }

  /** Closes the client and stops the host. Safe to call twice. */
  async close(): Promise<void> {
    this.#client?.close();
    this.#client = undefined;
    if (this.#exitCode === undefined) {
      this.child.kill("SIGTERM");
      const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
      await this.#exited;
      clearTimeout(timer);
    }
  }

  #withProvider(props: Props): Props {
    return PROVIDER_KEY in props ? props : { ...props, [PROVIDER_KEY]: this.providerText };
  }

  #call<Response>(
    method: string,
    invoke: (
      client: ProviderGrpcModule.ResourceProviderClient,
      metadata: GrpcModule.Metadata,
      options: Partial<GrpcModule.CallOptions>,
      callback: (error: GrpcModule.ServiceError | null, response: Response) => void,
    ) => unknown,
  ): Promise<Response> {
    const client = this.#client;
    if (client === undefined) {
      return Promise.reject(new Error(`${method}: the provider host is not connected`));
    }
    return new Promise((resolve, reject) => {
      invoke(client, new grpc.Metadata(), { deadline: Date.now() + CALL_DEADLINE_MS }, (error, response) => {
        if (error !== null) {
          reject(new ProviderHostCallError(method, error.code, error.details));
        } else {
          resolve(response);
        }
      });
    });
  }
}

const RESOURCE_TYPE = "pulumi-nodejs:dynamic/amplify:BoxConnectorInstance";
const LOGICAL_NAME = "box";

function urn(): string {
  return `urn:pulumi:${HOST_STACK}::${HOST_PROJECT}::${RESOURCE_TYPE}::${LOGICAL_NAME}`;
}

/**
 * Props as the engine sends them: the SDK leaves out properties whose value is `undefined` (and Struct cannot hold
 * one). For calling the provider in-process with the same inputs the host gets.
 */
export function asSentByEngine(props: Props): Props {
  return withoutUndefined(props) as Props;
}

function withoutUndefined(value: unknown): StructPbModule.JavaScriptValue {
  if (Array.isArray(value)) {
    return value.filter((item) => item !== undefined).map(withoutUndefined);
  }
  if (value !== null && typeof value === "object") {
    const result: Record<string, StructPbModule.JavaScriptValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) {
        result[key] = withoutUndefined(item);
      }
    }
    return result;
  }
  return value as StructPbModule.JavaScriptValue;
}

function toStruct(props: Props): StructPbModule.Struct {
  return structPb.Struct.fromJavaScript(withoutUndefined(props) as Record<string, StructPbModule.JavaScriptValue>);
}

function fromStruct(struct: StructPbModule.Struct | undefined): Props {
  return struct === undefined ? {} : (struct.toJavaScript() as Props);
}

function withoutProvider(props: Props): Props {
  const { [PROVIDER_KEY]: _provider, ...rest } = props;
  return rest;
}

/** Names the resource a call is about, as the engine does in every resource RPC. */
function addressed<
  R extends { setUrn(urn: string): unknown; setType(type: string): unknown; setName(name: string): unknown },
>(request: R): R {
  request.setUrn(urn());
  request.setType(RESOURCE_TYPE);
  request.setName(LOGICAL_NAME);
  return request;
}
