"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { consoleUserActor } from "@/lib/audit/record-audit-event";
import { protectedAction } from "@/lib/auth/guards";
import { createIdvClient } from "@/lib/idv/clients/create-idv-client";
import {
  createIdvClientSchema,
  revokeIdvClientSchema,
  rotateIdvClientSecretSchema,
  updateIdvClientSchema,
} from "@/lib/idv/clients/idv-client-schemas";
import { revokeIdvClient } from "@/lib/idv/clients/revoke-idv-client";
import { rotateIdvClientSecret } from "@/lib/idv/clients/rotate-idv-client-secret";
import { updateIdvClient } from "@/lib/idv/clients/update-idv-client";
import { rotateSigningKey } from "@/lib/idv/keys/signing-keys";

const PAGE = "/settings/identity-verification";

export const createIdvClientAction = protectedAction("settings:manage", createIdvClientSchema, async (input, { user, request }) => {
  const issued = await createIdvClient(input, user, request);
  revalidatePath(PAGE);
  return issued;
});

export const updateIdvClientAction = protectedAction("settings:manage", updateIdvClientSchema, async (input, { user, request }) => {
  await updateIdvClient(input, user, request);
  revalidatePath(PAGE);
  return null;
});

export const rotateIdvClientSecretAction = protectedAction("settings:manage", rotateIdvClientSecretSchema, async (input, { user, request }) => {
  const issued = await rotateIdvClientSecret(input, user, request);
  revalidatePath(PAGE);
  return issued;
});

export const revokeIdvClientAction = protectedAction("settings:manage", revokeIdvClientSchema, async (input, { user, request }) => {
  await revokeIdvClient(input, user, request);
  revalidatePath(PAGE);
  return null;
});

export const rotateSigningKeyAction = protectedAction("settings:manage", z.object({}), async (_input, { user, request }) => {
  const key = await rotateSigningKey(consoleUserActor(user), request);
  revalidatePath(PAGE);
  return { kid: key.kid };
});
