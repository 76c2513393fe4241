"use server";

import { revalidatePath } from "next/cache";
import { apiKeyIdSchema, createApiKeySchema } from "@/lib/api-keys/api-key-schemas";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { protectedAction } from "@/lib/auth/guards";

const PAGE = "/settings/api-keys";

/** Returns the key this once: only its hash is stored. */
export const createApiKeyAction = protectedAction("settings:manage", createApiKeySchema, async (input, { user, request }) => {
  const issued = await createApiKey(input, user, request);
  revalidatePath(PAGE);
  return issued;
});

export const revokeApiKeyAction = protectedAction("settings:manage", apiKeyIdSchema, async (input, { user, request }) => {
  await revokeApiKey(input, user, request);
  revalidatePath(PAGE);
  return null;
});
