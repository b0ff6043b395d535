/**
 * Another stack that uses the Box connector instances of the root program's stack: it reads their ids and tokens
 * through a StackReference. The tokens arrive as secrets and stay secrets here: in this stack's state, in its
 * outputs, and in anything derived from them.
 *
 * Stack config: `instancesStack`, the fully qualified name of the stack that runs the root program, such as
 * `my-org/amplify-box/prod` on Pulumi Cloud or `organization/amplify-box/prod` on a file backend.
 */
import * as pulumi from "@pulumi/pulumi";

interface ExportedInstance {
  readonly id: string;
  readonly name: string;
  readonly token: string;
}

const config = new pulumi.Config();
const instancesStack = new pulumi.StackReference(config.require("instancesStack"));

/** Logical name → AMPLIFY instance id: not secret. */
export const instanceIds = instancesStack.requireOutput("instanceIds") as pulumi.Output<Record<string, string>>;

const instances = instancesStack.requireOutput("instances") as pulumi.Output<Record<string, ExportedInstance>>;

/**
 * What a consumer needs to call AMPLIFY for one instance: the `Element <token>` part of the Authorization header.
 * Derived from a secret, so secret itself.
 */
export const elementAuthorization = instances.apply((all) =>
  Object.fromEntries(Object.entries(all).map(([logicalName, instance]) => [logicalName, `Element ${instance.token}`])),
);
