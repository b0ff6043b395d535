/**
 * One Box connector instance declared in TypeScript, with webhooks on.
 *
 *   pulumi config set --secret amplify:userSecret <user secret>
 *   pulumi config set --secret amplify:organizationSecret <organization secret>
 *   pulumi config set --secret boxClientSecret <Box client secret>
 *   pulumi config set --secret boxAuthCode <grant code>      # single use: run `pulumi up` right after
 *   pulumi config set --secret boxWebhookKey <signature key>
 *   pulumi config set boxClientId <Box client id>
 */
import * as pulumi from "@pulumi/pulumi";
import { BoxConnectorInstance } from "pulumi-amplify-box";

const config = new pulumi.Config();

const instance = new BoxConnectorInstance("box-events", {
  name: config.get("instanceName") ?? "Box events (example)",
  authorizationCode: config.requireSecret("boxAuthCode"),
  oauth: {
    apiKey: config.require("boxClientId"),
    apiSecret: config.requireSecret("boxClientSecret"),
    callbackUrl: config.get("oauthCallbackUrl") ?? "https://app.example.com/oauth/box",
  },
  events: {
    enabled: true,
    callbackUrl: config.get("webhookUrl") ?? "https://app.example.com/hooks/box",
    signatureKey: config.requireSecret("boxWebhookKey"),
  },
  tags: config.getObject<string[]>("tags") ?? ["example"],
});

export const instanceId = instance.instanceId;
export const token = instance.token;
