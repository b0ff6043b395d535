/**
 * `pulumi-amplify-box/webhooks`: what a receiver of AMPLIFY's webhook deliveries needs (docs/amplify-api.md §6),
 * apart from Pulumi.
 */
export { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from "./verify-webhook-signature.js";
