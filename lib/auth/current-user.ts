import "server-only";
import { cache } from "react";
import { z } from "zod";
import { auth } from "@/lib/auth/auth";
import type { ConsoleRole } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";

export type CurrentConsoleUser = {
  id: string;
  email: string;
  name: string;
  role: ConsoleRole;
  mustChangePassword: boolean;
  sessionVersion: number;
};

const sessionClaimsSchema = z.object({ uid: z.uuid(), sv: z.number().int() });

/**
 * The signed-in console user, re-read from the database on every request (once per render via `cache`):
 * a valid JWT alone is not enough, the account must still be active and the session version current.
 */
export const getCurrentConsoleUser = cache(async (): Promise<CurrentConsoleUser | null> => {
  const claims = sessionClaimsSchema.safeParse(await auth());
  if (!claims.success) return null;
  const user = await db().consoleUser.findUnique({
    where: { id: claims.data.uid },
    select: { id: true, email: true, name: true, role: true, status: true, mustChangePassword: true, sessionVersion: true },
  });
  if (!user || user.status !== "ACTIVE" || user.sessionVersion !== claims.data.sv) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    sessionVersion: user.sessionVersion,
  };
});
