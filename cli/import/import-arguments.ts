import { parseArgs } from "node:util";

export const IMPORT_USAGE = `Usage: pulumi-amplify-box import [options]

Lists the organization's Box connector instances at AMPLIFY (every page) and writes one desired-state entry per
instance: \`adopt: <id>\` and every setting AMPLIFY shows, with secrets as { secret: <config key> } references only.
\`pulumi up\` then adopts them and writes nothing while the entries match AMPLIFY. Instances of other elements, and
instances a Pulumi stack already manages (their ownership tag), are listed as skipped.

Options:
  --out FILE             write a new file (refused when FILE exists); default: print to stdout
  --merge FILE           append the entries to an existing instances.yaml; what is there is kept as it is, comments too
  --format yaml|typescript
                         yaml (default): desired-state entries; typescript: BoxConnectorInstance code with
                         adoptInstanceId, like \`pulumi import --generate-code\`
  --tag TAG              only instances carrying TAG; repeat it to require several
  --name PATTERN         only instances whose name matches PATTERN (* and ? wildcards, case-insensitive)
  --api-key ID           the Box client id to write for instances whose client id AMPLIFY masks
  --stack NAME           the stack whose config holds the AMPLIFY settings (default: the selected stack)
  --cwd DIR              the Pulumi project folder (default: the current directory)
  -h, --help             show this help

AMPLIFY settings are found the way the provider finds them: in a Pulumi project folder, the stack's config
(amplify:userSecret, amplify:organizationSecret, amplify:baseUrl, ...), with the environment for what it does not
set; elsewhere the environment: AMPLIFY_USER_SECRET, AMPLIFY_ORGANIZATION_SECRET, AMPLIFY_BASE_URL.`;

export type ImportFormat = "yaml" | "typescript";

export interface ImportArguments {
  readonly out: string | undefined;
  readonly merge: string | undefined;
  readonly format: ImportFormat;
  readonly tags: readonly string[];
  readonly namePattern: string | undefined;
  readonly apiKey: string | undefined;
  readonly stack: string | undefined;
  readonly cwd: string | undefined;
}

export type ImportCommand = { readonly kind: "help" } | { readonly kind: "import"; readonly options: ImportArguments };

/**
 * Reads `import`'s arguments. No secret is taken on the command line.
 * @throws TypeError with a message fit for the terminal, naming every problem.
 */
export function parseImportArguments(args: readonly string[]): ImportCommand {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      out: { type: "string" },
      merge: { type: "string" },
      format: { type: "string", default: "yaml" },
      tag: { type: "string", multiple: true, default: [] },
      name: { type: "string" },
      "api-key": { type: "string" },
      stack: { type: "string" },
      cwd: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    return { kind: "help" };
  }
  const problems: string[] = [];
  const format = values.format;
  if (format !== "yaml" && format !== "typescript") {
    problems.push(`--format takes yaml or typescript; got ${JSON.stringify(format)}`);
  }
  if (values.out !== undefined && values.merge !== undefined) {
    problems.push("--out writes a new file and --merge adds to an existing one: give one of them");
  }
  if (values.merge !== undefined && format === "typescript") {
    problems.push("--merge adds to a desired-state file; TypeScript goes to a new file (--out) or stdout");
  }
  for (const [flag, value] of [
    ["--out", values.out],
    ["--merge", values.merge],
    ["--name", values.name],
    ["--api-key", values["api-key"]],
    ["--stack", values.stack],
    ["--cwd", values.cwd],
  ] as const) {
    if (value !== undefined && value.trim() === "") {
      problems.push(`${flag} needs a value`);
    }
  }
  if (values.tag.some((tag) => tag.trim() === "")) {
    problems.push("--tag needs a value");
  }
  if (problems.length > 0) {
    throw new TypeError(problems.join("\n"));
  }
  return {
    kind: "import",
    options: {
      out: values.out,
      merge: values.merge,
      format: format as ImportFormat,
      tags: values.tag,
      namePattern: values.name,
      apiKey: values["api-key"]?.trim(),
      stack: values.stack,
      cwd: values.cwd,
    },
  };
}
