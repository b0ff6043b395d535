import type { ConfigMap } from "@pulumi/pulumi/automation/index.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../sandbox/index.js";
import { createLocalStack, type LocalStack } from "../../scripts/local-stack.js";

export interface E2eFixture {
  readonly sandbox: Sandbox;
  readonly local: LocalStack;
  /** Replaces the program's desired-state file. */
  writeDesiredState(text: string): Promise<void>;
  /** Sets secret stack config values, as `pulumi config set --secret` does. */
  setSecrets(values: Record<string, string>): Promise<void>;
}

/**
 * A sandbox on an ephemeral port and a local stack of `main` configured for it. Torn down with the test: the
 * stack's folders are removed and the sandbox closed (tests destroy what they expect to be gone themselves).
 */
export async function e2eFixture(
  t: { teardown: (fn: () => Promise<void>) => void },
  options: {
    main?: string;
    desiredState?: string;
    config?: ConfigMap;
    env?: Record<string, string>;
    /** The platform version the sandbox plays; the strictest by default. */
    sandbox?: SandboxOptions;
  } = {},
): Promise<E2eFixture> {
  const sandbox = await startSandbox(options.sandbox);
  t.teardown(() => sandbox.close());
  const local = await createLocalStack({
    main: options.main ?? "dist/program/index.js",
    files: options.desiredState === undefined ? {} : { "instances.yaml": options.desiredState },
    config: {
      "amplify:baseUrl": { value: sandbox.baseUrl },
      "amplify:userSecret": { value: sandbox.userSecret, secret: true },
      "amplify:organizationSecret": { value: sandbox.organizationSecret, secret: true },
      ...options.config,
    },
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  t.teardown(() => local.dispose());
  const { writeFile } = await import("node:fs/promises");
  const path = await import("node:path");
  return {
    sandbox,
    local,
    writeDesiredState: (text) => writeFile(path.join(local.workDir, "instances.yaml"), text),
    setSecrets: (values) =>
      local.stack.setAllConfig(
        Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value, secret: true }])),
      ),
  };
}

/** Requests that change something on the platform. */
export function writesIn(sandbox: Sandbox) {
  return sandbox.requests.filter((request) => request.method !== "GET");
}
