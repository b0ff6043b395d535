import type { ExecutionContext } from "ava";
import { parseImportArguments } from "../../cli/import/import-arguments.js";
import { runImport } from "../../cli/import/import-command.js";
import type { Sandbox } from "../../sandbox/index.js";
import { secretValues } from "./box-inputs.js";
import { callAdmin, createInstance } from "./sandbox-http.js";

/** Secrets the organization's instances hold: an import must never write or print them. */
export const ORG_SECRETS = secretValues("import");

/**
 * An organization as a platform team finds it: two Box instances made in the console (one with webhooks and a
 * signature key), one another stack manages, and another team's Dropbox connector.
 */
export async function consoleMadeOrganization(t: ExecutionContext, sandbox: Sandbox) {
  const production = await createInstance(t, sandbox, {
    name: "Box (production)",
    tags: ["prod", "team-docs"],
    configuration: {
      "oauth.api.key": "docs-box-app",
      "oauth.api.secret": ORG_SECRETS.apiSecret,
      "oauth.callback.url": "https://docs.example.com/oauth/box",
      "event.notification.enabled": true,
      "event.notification.callback.url": "https://docs.example.com/hooks/box",
      "event.notification.signature.key": ORG_SECRETS.signatureKey,
      "filter.response.nulls": false,
    },
  });
  const staging = await createInstance(t, sandbox, {
    name: "Box staging",
    tags: ["staging"],
    configuration: {
      "oauth.api.key": "docs-box-app",
      "oauth.api.secret": ORG_SECRETS.apiSecret,
      "oauth.callback.url": "https://docs.example.com/oauth/box",
    },
  });
  const managed = await createInstance(t, sandbox, {
    name: "Box managed elsewhere",
    tags: ["prod", "pulumi:billing/prod/box-invoices", "pulumi:billing/prod"],
  });
  const dropbox = await callAdmin(sandbox, "POST", "/instances", { element: "dropbox", name: "Dropbox (finance)" });
  t.is(dropbox.status, 200, dropbox.text);
  return { production, staging, managed, dropbox: dropbox.body };
}

/** What one run of the command printed and how it ended. */
export interface ImportRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `pulumi-amplify-box import <args>` in-process with the sandbox's credentials in the environment. */
export async function importFrom(
  sandbox: Sandbox,
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
): Promise<ImportRun> {
  const parsed = parseImportArguments([...args, "--cwd", cwd]);
  if (parsed.kind !== "import") {
    throw new Error("not an import");
  }
  let stdout = "";
  let stderr = "";
  const status = await runImport(parsed.options, {
    env: {
      AMPLIFY_BASE_URL: sandbox.baseUrl,
      AMPLIFY_USER_SECRET: sandbox.userSecret,
      AMPLIFY_ORGANIZATION_SECRET: sandbox.organizationSecret,
      AMPLIFY_MAX_RETRIES: "1",
      ...env,
    },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    now: new Date("2026-12-05T10:00:00Z"),
  });
  return { status, stdout, stderr };
}
