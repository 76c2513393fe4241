"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { protectedAction } from "@/lib/auth/guards";
import { entraConnectionInputSchema, oktaConnectionInputSchema } from "@/lib/iam/connections/connection-schemas";
import { deleteIamConnection } from "@/lib/iam/connections/delete-iam-connection";
import { restartEntraConsent } from "@/lib/iam/connections/restart-entra-consent";
import { saveEntraConnection } from "@/lib/iam/connections/save-entra-connection";
import { saveOktaConnection } from "@/lib/iam/connections/save-okta-connection";

const PAGE = "/settings/identity-provider";

export const saveEntraConnectionAction = protectedAction("settings:manage", entraConnectionInputSchema, async (input, { user, request }) => {
  const result = await saveEntraConnection(input, user, request);
  revalidatePath(PAGE);
  return result;
});

export const restartEntraConsentAction = protectedAction("settings:manage", z.object({}), async (_input, { user, request }) => {
  return restartEntraConsent(user, request);
});

export const saveOktaConnectionAction = protectedAction("settings:manage", oktaConnectionInputSchema, async (input, { user, request }) => {
  const result = await saveOktaConnection(input, user, request);
  revalidatePath(PAGE);
  return result;
});

export const deleteIamConnectionAction = protectedAction(
  "settings:manage",
  z.object({ connectionId: z.uuid() }),
  async (input, { user, request }) => {
    await deleteIamConnection(input, user, request);
    revalidatePath(PAGE);
    return null;
  },
);
