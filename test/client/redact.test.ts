import test from "ava";
import { REDACTED, redact, registerSecrets } from "../../provider/client/redact.js";

test("registered secrets are removed wherever they appear", (t) => {
  registerSecrets("Zm9vYmFyYmF6cXV4-token-value");
  t.is(redact("token=Zm9vYmFyYmF6cXV4-token-value in text"), `token=${REDACTED} in text`);
  t.is(redact("xZm9vYmFyYmF6cXV4-token-valuex"), `x${REDACTED}x`);
});

test("Authorization header pairs are masked even when never registered", (t) => {
  const text = redact("authorization: User abcdef123, Organization 987zyx, Element tok/en+=");
  t.is(text, `authorization: User ${REDACTED}, Organization ${REDACTED}, Element ${REDACTED}`);
});

test("secret fields in JSON are masked", (t) => {
  const text = redact('{"oauth.api.secret":"clear-secret","code":"grant-123","name":"ok"}');
  t.false(text.includes("clear-secret"));
  t.false(text.includes("grant-123"));
  t.true(text.includes('"name":"ok"'));
});
