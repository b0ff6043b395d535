import type { PassThroughValue } from "../provider/mapping/box-instance-state.js";
import type { SecretReference, SourcePosition } from "./desired-state.js";

/**
 * What one mapping of the file says, before `defaults` are merged in. A field is absent when it was not written or
 * was written wrong (the problem is then already reported); `written` tells the two apart, so that a wrong value
 * is not reported a second time as missing.
 */
interface Section {
  /** The position of the section's key (`oauth:`), where a missing field of it is reported. */
  readonly at: SourcePosition;
  readonly written: ReadonlySet<string>;
}

export interface OAuthSection extends Section {
  readonly apiKey?: string;
  readonly apiSecret?: SecretReference;
  readonly callbackUrl?: string;
}

export interface EventsSection extends Section {
  readonly enabled?: boolean;
  readonly callbackUrl?: string;
  readonly signatureKey?: SecretReference;
}

export interface AuthorizationSection extends Section {
  readonly code?: SecretReference;
  readonly refreshToken?: SecretReference;
}

/** What `defaults` and an instance can both say. */
export interface SharedSections extends Section {
  readonly oauth?: OAuthSection;
  readonly events?: EventsSection;
  readonly tags?: readonly string[];
  readonly configuration?: Readonly<Record<string, PassThroughValue>>;
}

export interface InstanceSections extends SharedSections {
  readonly logicalName: string;
  readonly path: string;
  readonly name?: { readonly value: string; readonly at: SourcePosition };
  readonly authorization?: AuthorizationSection;
  readonly adopt?: string;
}
