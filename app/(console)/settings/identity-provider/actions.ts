"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { protectedAction } from "@/lib/auth/guards";
import { requireRecentSecondFactor } from "@/lib/auth/require-recent-second-factor";
import { entraConnectionInputSchemaFor, oktaConnectionInputSchemaFor } from "@/lib/connections/connection-schemas";
import { confirmOktaCustomDomain } from "@/lib/connections/confirm-okta-custom-domain";
import { deleteIamConnection } from "@/lib/connections/delete-iam-connection";
import { restartEntraConsent } from "@/lib/connections/restart-entra-consent";
import { saveEntraConnection } from "@/lib/connections/save-entra-connection";
import { saveOktaConnection } from "@/lib/connections/save-okta-connection";
import { registerKeysInSandbox } from "@/lib/connections/register-key-in-sandbox";
import { addOktaKey, promoteOktaKey } from "@/lib/connections/rotate-okta-key";
import { testIamConnection } from "@/lib/connections/test-iam-connection";
import { requestSyncNow } from "@/lib/connections/request-sync-now";
import { sandboxOrigins } from "@/lib/connections/sandbox-offer";

const PAGE = "/settings/identity-provider";

// The server's copies of the form schemas: sandbox URLs pass only while this process runs the sandbox.
const entraConnectionInputSchema = entraConnectionInputSchemaFor(() => sandboxOrigins());
const oktaConnectionInputSchema = oktaConnectionInputSchemaFor(() => sandboxOrigins());

export const saveEntraConnectionAction = protectedAction("settings:manage", entraConnectionInputSchema, async (input, { user, request }) => {
  requireRecentSecondFactor(user);
  const result = await saveEntraConnection(input, user, request);
  revalidatePath(PAGE);
  return result;
});

export const restartEntraConsentAction = protectedAction("settings:manage", z.object({}), async (_input, { user, request }) => {
  requireRecentSecondFactor(user);
  return restartEntraConsent(user, request);
});

export const saveOktaConnectionAction = protectedAction("settings:manage", oktaConnectionInputSchema, async (input, { user, request }) => {
  requireRecentSecondFactor(user);
  const result = await saveOktaConnection(input, user, request);
  revalidatePath(PAGE);
  return result;
});

export const deleteIamConnectionAction = protectedAction(
  "settings:manage",
  z.object({ connectionId: z.uuid() }),
  async (input, { user, request }) => {
    requireRecentSecondFactor(user);
    await deleteIamConnection(input, user, request);
    revalidatePath(PAGE);
    return null;
  },
);

export const testIamConnectionAction = protectedAction("settings:manage", z.object({}), async (_input, { user, request }) => {
  requireRecentSecondFactor(user);
  const result = await testIamConnection(user, request);
  revalidatePath(PAGE);
  return result;
});

export const requestSyncNowAction = protectedAction("settings:manage", z.object({}), async (_input, { user, request }) => {
  const result = await requestSyncNow(user, request);
  revalidatePath(PAGE);
  return result;
});

const keyChangeSchema = z.object({ expectedKeyVersion: z.number().int().min(0) });

export const addOktaKeyAction = protectedAction("settings:manage", keyChangeSchema, async (input, { user, request }) => {
  requireRecentSecondFactor(user);
  const result = await addOktaKey(input, user, request);
  revalidatePath(PAGE);
  return result;
});

export const promoteOktaKeyAction = protectedAction("settings:manage", keyChangeSchema, async (input, { user, request }) => {
  requireRecentSecondFactor(user);
  await promoteOktaKey(input, user, request);
  revalidatePath(PAGE);
  return null;
});

export const confirmOktaCustomDomainAction = protectedAction("settings:manage", keyChangeSchema, async (input, { user, request }) => {
  requireRecentSecondFactor(user);
  await confirmOktaCustomDomain(input, user, request);
  revalidatePath(PAGE);
  return null;
});

export const registerKeysInSandboxAction = protectedAction("settings:manage", z.object({}), async () => {
  await registerKeysInSandbox();
  return null;
});
