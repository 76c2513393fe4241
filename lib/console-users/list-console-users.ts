import { db } from "@/lib/db/prisma";

/** Console users for the admin page: active first, then by e-mail. Never selects password hashes. */
export async function listConsoleUsers() {
  return db().consoleUser.findMany({
    orderBy: [{ status: "asc" }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      status: true,
      mustChangePassword: true,
      lastSignInAt: true,
      createdAt: true,
      _count: { select: { passkeys: true } },
    },
  });
}

export type ConsoleUserListItem = Awaited<ReturnType<typeof listConsoleUsers>>[number];
