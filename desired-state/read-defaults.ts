import type { PassThroughValue } from "../provider/mapping/box-instance-state.js";
import { DEFAULTS_KEYS } from "./file-format.js";
import type { EventsSection, OAuthSection, SharedSections } from "./file-sections.js";
import { readConfiguration } from "./read-configuration.js";
import { readEvents } from "./read-events.js";
import { readOAuth } from "./read-oauth.js";
import type { Environment } from "./read-secret-reference.js";
import { readTags } from "./read-tags.js";
import type { MapEntry, YamlReader } from "./yaml-reader.js";

const PER_INSTANCE = "is set per instance and cannot be a default";

/** `defaults: { oauth, events, tags, configuration }`, merged into every instance. */
export function readDefaults(reader: YamlReader, entry: MapEntry, env: Environment): SharedSections | undefined {
  const map = reader.mapping(
    entry.value,
    entry.path,
    entry.valueAt,
    "a mapping: { oauth, events, tags, configuration }",
  );
  if (map === undefined) {
    return undefined;
  }
  const fields = reader.entries(map, entry.path, {
    keys: DEFAULTS_KEYS,
    label: "defaults",
    misplaced: { name: PER_INSTANCE, authorization: PER_INSTANCE, adopt: PER_INSTANCE },
  });
  return readSharedSections(reader, fields, env, entry.keyAt);
}

/** The keys `defaults` and an instance have in common; other keys are left to the caller. */
export function readSharedSections(
  reader: YamlReader,
  fields: readonly MapEntry[],
  env: Environment,
  at: MapEntry["keyAt"],
): SharedSections {
  let oauth: OAuthSection | undefined;
  let events: EventsSection | undefined;
  let tags: readonly string[] | undefined;
  let configuration: Readonly<Record<string, PassThroughValue>> | undefined;
  for (const field of fields) {
    if (field.key === "oauth") {
      oauth = readOAuth(reader, field, env);
    } else if (field.key === "events") {
      events = readEvents(reader, field, env);
    } else if (field.key === "tags") {
      tags = readTags(reader, field);
    } else if (field.key === "configuration") {
      configuration = readConfiguration(reader, field);
    }
  }
  return {
    at,
    written: new Set(fields.map((field) => field.key)),
    ...(oauth === undefined ? {} : { oauth }),
    ...(events === undefined ? {} : { events }),
    ...(tags === undefined ? {} : { tags }),
    ...(configuration === undefined ? {} : { configuration }),
  };
}
