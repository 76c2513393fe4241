"use server";

import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/auth/guards";
import { requireRecentSecondFactor } from "@/lib/auth/require-recent-second-factor";
import { resetSecondFactors } from "@/lib/auth/reset-second-factors";
import { consoleSecuritySettingsSchema, updateConsoleSecuritySettings } from "@/lib/auth/update-console-security-settings";
import {
  changeConsoleUserRoleSchema,
  consoleUserIdSchema,
  createConsoleUserSchema,
  setConsoleUserStatusSchema,
} from "@/lib/console-users/console-user-schemas";
import { createConsoleUser } from "@/lib/console-users/create-console-user";
import {
  changeConsoleUserRole,
  resetConsoleUserPassword,
  setConsoleUserStatus,
} from "@/lib/console-users/update-console-user";

const PAGE = "/settings/console-users";

export const createConsoleUserAction = protectedAction(
  "console_users:manage",
  createConsoleUserSchema,
  async (input, { user, request }) => {
    requireRecentSecondFactor(user);
    const created = await createConsoleUser(input, user, request);
    revalidatePath(PAGE);
    return created;
  },
);

export const changeConsoleUserRoleAction = protectedAction(
  "console_users:manage",
  changeConsoleUserRoleSchema,
  async (input, { user, request }) => {
    requireRecentSecondFactor(user);
    await changeConsoleUserRole(input, user, request);
    revalidatePath(PAGE);
    return null;
  },
);

export const setConsoleUserStatusAction = protectedAction(
  "console_users:manage",
  setConsoleUserStatusSchema,
  async (input, { user, request }) => {
    requireRecentSecondFactor(user);
    await setConsoleUserStatus(input, user, request);
    revalidatePath(PAGE);
    return null;
  },
);

export const resetConsoleUserPasswordAction = protectedAction(
  "console_users:manage",
  consoleUserIdSchema,
  async (input, { user, request }) => {
    requireRecentSecondFactor(user);
    const result = await resetConsoleUserPassword(input, user, request);
    revalidatePath(PAGE);
    return result;
  },
);

/** Recovery of a lost passkey: another admin removes a user's passkeys and TOTP; they enrol again at next sign-in. */
export const resetConsoleUserSecondFactorsAction = protectedAction("console_users:manage", consoleUserIdSchema, async (input, { user, request }) => {
  requireRecentSecondFactor(user);
  const result = await resetSecondFactors(user, input.userId, request);
  revalidatePath(PAGE);
  return result;
});

export const updateConsoleSecuritySettingsAction = protectedAction("console_users:manage", consoleSecuritySettingsSchema, async (input, { user, request }) => {
  requireRecentSecondFactor(user);
  await updateConsoleSecuritySettings(user, input, request);
  revalidatePath(PAGE);
  return null;
});
