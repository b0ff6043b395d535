/**
 * Every instance this provider creates carries a tag naming the Pulumi resource that owns it. After an ambiguous
 * failure of `POST /instances` (reset after the platform committed, a timeout) or a crash in the middle of a
 * create, the next create finds the instance by this tag and takes it over instead of making a second one.
 */
export const OWNERSHIP_TAG_PREFIX = "pulumi:";

/** `pulumi:<project>/<stack>/<logical name>`: stable across runs, unique within an organization's stacks. */
export function ownershipTagFor(project: string, stack: string, logicalName: string): string {
  return `${OWNERSHIP_TAG_PREFIX}${project}/${stack}/${logicalName}`;
}

export function isOwnershipTag(tag: string): boolean {
  return tag.startsWith(OWNERSHIP_TAG_PREFIX);
}
