"use server";

import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/auth/guards";
import { sandboxRunning } from "@/lib/connections/sandbox-offer";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { deleteWebhookEndpoint } from "@/lib/webhooks/delete-webhook-endpoint";
import { replayWebhookDelivery } from "@/lib/webhooks/replay-webhook-delivery";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { disableWebhookEndpoint, enableWebhookEndpoint } from "@/lib/webhooks/set-webhook-endpoint-enabled";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-webhook-endpoint";
import { createWebhookEndpointSchema, rotateWebhookSecretSchema, updateWebhookEndpointSchema, webhookDeliveryIdSchema, webhookEndpointIdSchema } from "@/lib/webhooks/webhook-schemas";

const PAGE = "/settings/webhooks";

/** Returns the signing secret this once: it is kept sealed and never shown again. */
export const createWebhookEndpointAction = protectedAction("settings:manage", createWebhookEndpointSchema, async (input, { user, request }) => {
  const created = await createWebhookEndpoint(input, user, request, { sandbox: sandboxRunning() });
  revalidatePath(PAGE);
  return created;
});

export const updateWebhookEndpointAction = protectedAction("settings:manage", updateWebhookEndpointSchema, async (input, { user, request }) => {
  await updateWebhookEndpoint(input, user, request, { sandbox: sandboxRunning() });
  revalidatePath(PAGE, "layout");
  return null;
});

export const rotateWebhookSecretAction = protectedAction("settings:manage", rotateWebhookSecretSchema, async (input, { user, request }) => {
  const rotated = await rotateWebhookSecret(input, user, request);
  revalidatePath(PAGE, "layout");
  return rotated;
});

export const disableWebhookEndpointAction = protectedAction("settings:manage", webhookEndpointIdSchema, async (input, { user, request }) => {
  await disableWebhookEndpoint(input, user, request);
  revalidatePath(PAGE, "layout");
  return null;
});

export const enableWebhookEndpointAction = protectedAction("settings:manage", webhookEndpointIdSchema, async (input, { user, request }) => {
  await enableWebhookEndpoint(input, user, request);
  revalidatePath(PAGE, "layout");
  return null;
});

export const deleteWebhookEndpointAction = protectedAction("settings:manage", webhookEndpointIdSchema, async (input, { user, request }) => {
  await deleteWebhookEndpoint(input, user, request);
  revalidatePath(PAGE, "layout");
  return null;
});

export const sendTestWebhookAction = protectedAction("settings:manage", webhookEndpointIdSchema, async (input, { user, request }) => {
  const sent = await sendTestWebhook(input, user, request);
  revalidatePath(PAGE, "layout");
  return sent;
});

export const replayWebhookDeliveryAction = protectedAction("settings:manage", webhookDeliveryIdSchema, async (input, { user, request }) => {
  await replayWebhookDelivery(input, user, request);
  revalidatePath(PAGE, "layout");
  return null;
});
