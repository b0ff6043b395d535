import test from "ava";
import { MINIMAL_PROVIDER_SOURCE, MINIMAL_TYPE } from "../../bench/minimal-provider.js";
import { PROVIDER_SOURCE } from "../../provider/dynamic/provider-source.js";
import { BOX_CONNECTOR_INSTANCE_TYPE } from "../../provider/resource/box-connector-instance.js";

// The state file holds both texts twice per resource: a difference in length would show as a difference in what the
// providers record.
test("the minimal provider's __provider text and type token are as long as the provider's", (t) => {
  t.is(MINIMAL_PROVIDER_SOURCE.length, PROVIDER_SOURCE.length);
  t.is(MINIMAL_TYPE.length, BOX_CONNECTOR_INSTANCE_TYPE.length);
  t.not(MINIMAL_TYPE, BOX_CONNECTOR_INSTANCE_TYPE);
});
