"use server";

import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/auth/guards";
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
    const created = await createConsoleUser(input, user, request);
    revalidatePath(PAGE);
    return created;
  },
);

export const changeConsoleUserRoleAction = protectedAction(
  "console_users:manage",
  changeConsoleUserRoleSchema,
  async (input, { user, request }) => {
    await changeConsoleUserRole(input, user, request);
    revalidatePath(PAGE);
    return null;
  },
);

export const setConsoleUserStatusAction = protectedAction(
  "console_users:manage",
  setConsoleUserStatusSchema,
  async (input, { user, request }) => {
    await setConsoleUserStatus(input, user, request);
    revalidatePath(PAGE);
    return null;
  },
);

export const resetConsoleUserPasswordAction = protectedAction(
  "console_users:manage",
  consoleUserIdSchema,
  async (input, { user, request }) => {
    const result = await resetConsoleUserPassword(input, user, request);
    revalidatePath(PAGE);
    return result;
  },
);
