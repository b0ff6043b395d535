import test from "ava";
import { didYouMean, editDistance } from "../../desired-state/did-you-mean.js";

const instanceKeys = ["name", "authorization", "oauth", "events", "tags", "configuration", "adopt"];

test("a misspelled key finds the key that was meant", (t) => {
  t.is(didYouMean("tag", instanceKeys), "tags");
  t.is(didYouMean("evnts", instanceKeys), "events");
  t.is(didYouMean("authorisation", instanceKeys), "authorization");
  t.is(didYouMean("Configuration", instanceKeys), "configuration");
  t.is(didYouMean("callbackURL", ["apiKey", "apiSecret", "callbackUrl"]), "callbackUrl");
  t.is(didYouMean("enabeld", ["enabled", "callbackUrl", "signatureKey"]), "enabled");
});

test("a key close to nothing gets no suggestion", (t) => {
  t.is(didYouMean("region", instanceKeys), undefined);
  t.is(didYouMean("x", instanceKeys), undefined);
  t.is(didYouMean("webhooks", instanceKeys), undefined);
});

test("edit distance counts insertions, deletions, substitutions and adjacent swaps", (t) => {
  t.is(editDistance("", "abc"), 3);
  t.is(editDistance("abc", "abc"), 0);
  t.is(editDistance("abc", "abd"), 1);
  t.is(editDistance("abc", "acb"), 1);
  t.is(editDistance("kitten", "sitting"), 3);
});
