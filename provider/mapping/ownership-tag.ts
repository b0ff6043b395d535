/**
 * Every instance this provider creates carries two tags under a reserved prefix:
 * - the resource tag `pulumi:<project>/<stack>/<logical name>` names the Pulumi resource that owns it. After an
 *   ambiguous failure of `POST /instances` (reset after the platform committed, a timeout) or a crash in the middle
 *   of a create, the next create finds the instance by this tag and takes it over instead of making a second one;
 * - the stack tag `pulumi:<project>/<stack>` lets one `GET /instances?tags[]=…` per provider process find every
 *   instance of the stack at once, so a create need not look its own tag up before it POSTs
 *   (dynamic/stack-inventory.ts).
 */
export const OWNERSHIP_TAG_PREFIX = "pulumi:";

/** `pulumi:<project>/<stack>/<logical name>`: stable across runs, unique within an organization's stacks. */
export function ownershipTagFor(project: string, stack: string, logicalName: string): string {
  return `${OWNERSHIP_TAG_PREFIX}${project}/${stack}/${logicalName}`;
}

/**
 * The stack tag of a resource tag: `pulumi:<project>/<stack>`. Project and stack names cannot contain "/", so the
 * first two segments are the stack; `undefined` for a tag of another shape (the stack tag itself, say).
 */
export function stackTagOf(ownershipTag: string): string | undefined {
  if (!ownershipTag.startsWith(OWNERSHIP_TAG_PREFIX)) {
    return undefined;
  }
  const rest = ownershipTag.slice(OWNERSHIP_TAG_PREFIX.length);
  const afterProject = rest.indexOf("/");
  const afterStack = afterProject <= 0 ? -1 : rest.indexOf("/", afterProject + 1);
  if (afterStack <= afterProject + 1 || afterStack === rest.length - 1) {
    return undefined;
  }
  return `${OWNERSHIP_TAG_PREFIX}${rest.slice(0, afterStack)}`;
}

/** Any tag under the reserved prefix, the resource's or the stack's: users may not set these. */
export function isOwnershipTag(tag: string): boolean {
  return tag.startsWith(OWNERSHIP_TAG_PREFIX);
}

/** The tag naming one resource, as opposed to the stack tag. */
export function isResourceOwnershipTag(tag: string): boolean {
  return stackTagOf(tag) !== undefined;
}
