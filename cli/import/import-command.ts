import { existsSync } from "node:fs";
import { readFile, realpath, rename, stat, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { InstancesClient } from "../../provider/client/instances-client.js";
import { redact } from "../../provider/client/redact.js";
import { checkWritten } from "./check-written.js";
import type { ImportArguments } from "./import-arguments.js";
import { importInstances } from "./imported-instance.js";
import { selectInstances } from "./select-instances.js";
import { type RunPulumi, stackConnection } from "./stack-connection.js";
import { typescriptProgram } from "./typescript-output.js";
import { existingEntries, mergeIntoDesiredStateFile, newDesiredStateFile, secretsHelp } from "./yaml-output.js";

/** Where the command writes, and what it may reach; tests inject these. */
export interface ImportIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly runPulumi?: RunPulumi;
  readonly now?: Date;
}

/** Thrown for anything the user must fix; the command prints its message as one line and exits 1. */
class ImportError extends Error {}

/**
 * `pulumi-amplify-box import`: list, select, write. Every check that can fail (the target file, the settings, the
 * listing, the masked client ids, loading the result) runs before anything is written, so a failed run writes
 * nothing. Resolves to the exit status.
 */
export async function runImport(options: ImportArguments, io: ImportIo): Promise<number> {
  try {
    await importOnce(options, io);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`error: ${redact(message).split("\n").join(" ")}\n`);
    return 1;
  }
}

async function importOnce(options: ImportArguments, io: ImportIo): Promise<void> {
  const cwd = path.resolve(options.cwd ?? ".");
  const target = options.out ?? options.merge;
  const targetPath = target === undefined ? undefined : path.resolve(cwd, target);
  if (options.out !== undefined && existsSync(targetPath as string)) {
    throw new ImportError(`${options.out} exists: give --merge ${options.out} to add to it, or another --out`);
  }
  const existingText =
    options.merge === undefined
      ? undefined
      : await readFile(targetPath as string, "utf8").catch((error: NodeJS.ErrnoException) => {
          throw new ImportError(
            error.code === "ENOENT"
              ? `${options.merge} does not exist: give --out ${options.merge} to write a new file`
              : `${options.merge} cannot be read: ${error.message}`,
          );
        });
  const existing = existingText === undefined ? undefined : existingEntries(existingText);
  if (existingText !== undefined) {
    // A file that cannot take entries, or that does not load, is refused before anything reaches AMPLIFY.
    const loads = checkWritten(existingText, options.merge as string, []);
    if (!loads.ok) {
      throw new ImportError(`${options.merge} has problems; fix them first: ${loads.problems.join("; ")}`);
    }
    merged(existingText, [], options.merge as string);
  }

  const connection = await stackConnection({ cwd, stack: options.stack, env: io.env, ...optionalRunner(io) });
  io.stderr(`Listing instances at ${connection.settings.baseUrl} (settings from ${connection.source})…\n`);
  const client = new InstancesClient(connection.settings);
  const listed = await client.list(options.tags.length === 0 ? {} : { tags: options.tags }, "list instances");

  const selection = selectInstances(
    listed,
    { tags: options.tags, namePattern: options.namePattern },
    connection.stack,
    existing?.adopted ?? new Map(),
  );
  if (selection.matched === 0) {
    throw new ImportError(
      options.tags.length === 0 && options.namePattern === undefined
        ? `AMPLIFY lists no instance at ${connection.settings.baseUrl}`
        : `no instance matches ${describeFilters(options)} (AMPLIFY listed ${listed.length})`,
    );
  }
  for (const skipped of selection.skipped) {
    io.stderr(`  skipped ${skipped.id} "${skipped.name}": ${skipped.reason}\n`);
  }
  if (selection.chosen.length === 0) {
    io.stderr(`Nothing to import: all ${selection.matched} matching instance(s) are skipped. Nothing was written.\n`);
    return;
  }

  const outcome = importInstances(selection.chosen, {
    apiKey: options.apiKey,
    takenNames: existing?.logicalNames ?? new Set(),
    takenSecretKeys: existing?.secretKeys ?? new Set(),
    knownAppSecrets: existing?.appSecrets ?? new Map(),
  });
  if (!outcome.ok) {
    throw new ImportError(outcome.problem);
  }
  const provenance = {
    baseUrl: connection.settings.baseUrl,
    date: (io.now ?? new Date()).toISOString().slice(0, 10),
  };
  const shownAs = target ?? "instances.yaml";
  let text: string;
  if (options.format === "typescript") {
    text = typescriptProgram(outcome.instances, outcome.secrets, provenance);
  } else {
    text =
      existingText === undefined
        ? newDesiredStateFile(outcome.instances, outcome.secrets, provenance, schemaPathFrom(targetPath ?? cwd))
        : merged(existingText, outcome.instances, shownAs);
    const check = checkWritten(text, shownAs, outcome.instances);
    if (!check.ok) {
      throw new ImportError(`the file would not load, so nothing was written: ${check.problems.join("; ")}`);
    }
    for (const [logicalName, changes] of check.changes) {
      io.stderr(`  note: pulumi up will change ${logicalName}: ${changes.join("; ")}\n`);
    }
  }

  if (targetPath === undefined) {
    io.stdout(text);
  } else if (options.out !== undefined) {
    await writeFile(targetPath, text, { flag: "wx" }).catch((error: NodeJS.ErrnoException) => {
      throw new ImportError(`cannot write ${options.out}: ${error.message}`);
    });
  } else {
    // A whole new file, then a rename: the file is never left half written. Written beside the real file, with its
    // mode, so that a symlinked instances.yaml stays a link and keeps its permissions.
    const real = await realpath(targetPath);
    const temporary = `${real}.import-${process.pid}.tmp`;
    await writeFile(temporary, text, { mode: (await stat(real)).mode });
    await rename(temporary, real);
  }
  for (const instance of outcome.instances) {
    io.stderr(`  imported ${instance.id} "${instance.name}" as ${instance.logicalName}\n`);
  }
  io.stderr(
    `Imported ${outcome.instances.length} instance(s)${target === undefined ? "" : ` into ${target}`}` +
      `${selection.skipped.length === 0 ? "" : `, skipped ${selection.skipped.length}`}.\n`,
  );
  const help = secretsHelp(outcome.secrets);
  if (help.length > 0) {
    io.stderr(`${help.join("\n")}\n`);
  }
  io.stderr("Then review the entries and run `pulumi preview`: it should plan to adopt each one and change nothing.\n");
}

function merged(existingText: string, instances: Parameters<typeof mergeIntoDesiredStateFile>[1], file: string) {
  try {
    return mergeIntoDesiredStateFile(existingText, instances);
  } catch (error) {
    throw new ImportError(`cannot merge into ${file}: ${(error as Error).message}`);
  }
}

function describeFilters(options: ImportArguments): string {
  return [
    ...options.tags.map((tag) => `--tag ${JSON.stringify(tag)}`),
    ...(options.namePattern === undefined ? [] : [`--name ${JSON.stringify(options.namePattern)}`]),
  ].join(" ");
}

const optionalRunner = (io: ImportIo) => (io.runPulumi === undefined ? {} : { runPulumi: io.runPulumi });

/** The package's JSON Schema relative to the folder of the file written, for the editor modeline. */
function schemaPathFrom(fileOrFolder: string): string {
  const folder = path.extname(fileOrFolder) === "" ? fileOrFolder : path.dirname(fileOrFolder);
  const schema = path.resolve(__dirname, "..", "..", "..", "schema", "instances.schema.json");
  const relative = path.relative(folder, schema).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}
