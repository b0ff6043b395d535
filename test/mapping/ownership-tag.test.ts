import test from "ava";
import {
  isOwnershipTag,
  isResourceOwnershipTag,
  ownershipTagFor,
  stackTagOf,
} from "../../provider/mapping/ownership-tag.js";

test("the stack tag is the resource tag without the logical name", (t) => {
  t.is(stackTagOf(ownershipTagFor("proj", "dev", "box-a")), "pulumi:proj/dev");
  // Logical names may contain "/"; project and stack names may not.
  t.is(stackTagOf(ownershipTagFor("proj", "prod.eu", "team/box")), "pulumi:proj/prod.eu");
});

test("tags of other shapes have no stack tag", (t) => {
  for (const tag of [
    "pulumi:proj/dev",
    "pulumi:proj",
    "pulumi:/dev/box",
    "pulumi:proj//box",
    "pulumi:proj/dev/",
    "prod",
  ]) {
    t.is(stackTagOf(tag), undefined, tag);
  }
});

test("both tags are reserved; only the resource tag names a resource", (t) => {
  t.true(isOwnershipTag("pulumi:proj/dev"));
  t.true(isOwnershipTag("pulumi:proj/dev/box-a"));
  t.false(isOwnershipTag("prod"));
  t.true(isResourceOwnershipTag("pulumi:proj/dev/box-a"));
  t.false(isResourceOwnershipTag("pulumi:proj/dev"));
});
