import type { ExecutionContext } from "ava";
import type { Sandbox, SandboxOptions } from "../../sandbox/index.js";
import { captureReceiver } from "./capture-receiver.js";
import { createInstance, withSandbox } from "./sandbox-http.js";

/** The signature key of instances made by `instanceWithEvents`. */
export const SIGNATURE_KEY = "sigkey-events-Xq7Lm2Np9Rt4Vw8Z";

/** Creates an instance through the API whose events go to `callbackUrl`, signed unless `signed` is false. */
export async function instanceWithEvents(
  t: ExecutionContext,
  sandbox: Pick<Sandbox, "baseUrl" | "authorization">,
  callbackUrl: string,
  signed = true,
): Promise<number> {
  const created = await createInstance(t, sandbox as Sandbox, {
    configuration: {
      "oauth.callback.url": "https://app.example.com/oauth/box",
      "oauth.api.key": "box-client-id",
      "oauth.api.secret": "box-client-secret-value",
      "event.notification.enabled": true,
      "event.notification.callback.url": callbackUrl,
      ...(signed ? { "event.notification.signature.key": SIGNATURE_KEY } : {}),
    },
  });
  return created.id as number;
}

/** A sandbox, a recording callback URL, and an instance with signed events pointed at it. */
export async function eventsSetup(t: ExecutionContext, options: SandboxOptions = {}) {
  const sandbox = await withSandbox(t, options);
  const receiver = await captureReceiver(t);
  const id = await instanceWithEvents(t, sandbox, receiver.url);
  return { sandbox, receiver, id };
}
