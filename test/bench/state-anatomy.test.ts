/**
 * One instance's state, part by part (bench/state-anatomy.ts): the rows BENCHMARKS.md lists must add up to the
 * bytes the file backend writes for the resource (compact JSON), and a part without a purpose must show.
 */
import test from "ava";
import { anatomy, partsOf, resourceBytes, UNDESCRIBED } from "../../bench/state-anatomy.js";
import { STATE_PURPOSES } from "../../bench/state-purposes.js";

const sum = (parts: Map<string, number>) => [...parts.values()].reduce((total, bytes) => total + bytes, 0);

const resource = {
  urn: "urn:pulumi:s::p::pulumi-nodejs:dynamic/amplify:BoxConnectorInstance::box-0",
  custom: true,
  id: "100001",
  type: "pulumi-nodejs:dynamic/amplify:BoxConnectorInstance",
  inputs: {
    __provider: 'exports.handler=()=>require("pulumi-amplify-box/provider-host")',
    name: "Bench box 0",
    authorizationCode: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:ab" },
  },
  outputs: {
    __provider: 'exports.handler=()=>require("pulumi-amplify-box/provider-host")',
    token: { ciphertext: "v1:abc" },
    configuration: { "oauth.api.key": "bench-client-id", "event.notification.enabled": "true" },
    novel: 1,
  },
  propertyDependencies: { __provider: [], name: [] },
  stackTrace: [{ file: "index.js", line: 10 }, {}],
  // A character outside ASCII: bytes, not UTF-16 code units.
  sourcePosition: "project:///fleet-program.js#18,3 ✓",
};

test("the parts of a resource add up to its compact JSON, in bytes", (t) => {
  const parts = partsOf(resource);
  t.is(sum(parts), resourceBytes(resource));
  t.is(resourceBytes(resource), Buffer.byteLength(JSON.stringify(resource)));
  t.is(parts.get("inputs.name"), Buffer.byteLength('"name":"Bench box 0",'), "a member with its comma");
  t.is(parts.get("id"), Buffer.byteLength('"id":"100001",'));
  t.true(parts.has("outputs.configuration") && !parts.has("outputs.configuration.oauth.api.key"), "one level deep");
});

test("empty and one-member objects add up too", (t) => {
  for (const item of [{}, { inputs: {} }, { outputs: { a: 1 } }, { id: "1" }, { inputs: {}, outputs: {} }]) {
    t.is(sum(partsOf(item)), resourceBytes(item), JSON.stringify(item));
  }
  t.is(partsOf({ inputs: {} }).get("inputs"), Buffer.byteLength('"inputs":{},'), "with its comma");
});

test("the rows set the provider beside the minimal provider, and a part without a purpose shows", (t) => {
  const rows = anatomy(resource, { urn: "u", id: "1", outputs: {} });
  t.is(rows.find((row) => row.path === "outputs.novel")?.purpose, UNDESCRIBED);
  t.is(rows.find((row) => row.path === "outputs.token")?.floorBytes, undefined);
  t.is(rows.find((row) => row.path === "id")?.floorBytes, Buffer.byteLength('"id":"1",'));
  t.regex(rows.find((row) => row.path === "outputs.token")?.purpose ?? "", /secret/);
  t.is(new Set(rows.map((row) => row.path)).size, rows.length, "one row per part");
});

test("every output the provider writes, and every engine field of a fleet's resource, has a purpose", (t) => {
  const written = ["__provider", "name", "tags", "token", "configuration", "status", "ownershipTag", "secretDigests"];
  const planned = ["createdDate", "valid", "disabled", "adoptInstanceId"];
  const engine = ["urn", "custom", "id", "type", "inputs", "outputs", "parent", "provider", "propertyDependencies"];
  const more = ["additionalSecretOutputs", "created", "modified", "sourcePosition", "stackTrace", "{}"];
  for (const path of [...[...written, ...planned].map((key) => `outputs.${key}`), ...engine, ...more]) {
    t.truthy(STATE_PURPOSES[path], path);
  }
});
