/**
 * The root Pulumi program: one `BoxConnectorInstance` per entry of the desired-state file.
 *
 * Stack config (project namespace):
 * - `desiredStateFile`: the file to apply, relative to the folder of Pulumi.yaml; default `instances.yaml`.
 * - the keys the file's `{ secret: key }` references name.
 *
 * Stack outputs: `instances` (logical name → { id, name, token }, the token secret) and `instanceIds`
 * (logical name → id).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { DesiredStateError, declareInstances, loadDesiredState } from "../desired-state/index.js";

const DEFAULT_FILE = "instances.yaml";

function main() {
  const config = new pulumi.Config();
  // The folder of Pulumi.yaml, as the engine reports it; the working directory may be the folder of `main` instead.
  // Without an engine (mocks, older language hosts) the SDK reports a placeholder, not a path.
  const reported = pulumi.runtime.getRootDirectory();
  const root = path.isAbsolute(reported) ? reported : process.cwd();
  const configured = config.get("desiredStateFile");
  const file = path.resolve(root, configured ?? DEFAULT_FILE);
  const shownAs = path.relative(root, file) || file;

  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : "cannot be read";
    const hint =
      configured === undefined
        ? `create it, or point \`pulumi config set desiredStateFile <path>\` at another file`
        : "fix the stack config key desiredStateFile";
    throw new pulumi.RunError(`The desired-state file ${shownAs} ${reason}: ${hint}.`);
  }

  const loaded = loadDesiredState(text, shownAs);
  try {
    if (!loaded.ok) {
      throw new DesiredStateError(loaded.problems);
    }
    return declareInstances(loaded.state, config);
  } catch (error) {
    // A clean message without a stack trace: every problem already names its file, line and column.
    throw error instanceof DesiredStateError ? new pulumi.RunError(error.message) : error;
  }
}

const declared = main();

export const instances = declared.instances;
export const instanceIds = declared.instanceIds;
