import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { generateOneTimePassword, hashPassword } from "@/lib/auth/password";
import type { CreateConsoleUserInput } from "@/lib/console-users/console-user-schemas";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";

/**
 * Creates a console user with a one-time password that the admin hands over out of band; the user must
 * replace it at first sign-in. Returns the password once; only its hash is stored.
 */
export async function createConsoleUser(
  input: CreateConsoleUserInput,
  actor: Pick<CurrentConsoleUser, "id" | "email">,
  request: RequestContext,
): Promise<{ id: string; email: string; oneTimePassword: string }> {
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  try {
    const user = await db().$transaction(async (tx) => {
      const created = await tx.consoleUser.create({
        data: { ...input, passwordHash, mustChangePassword: true, createdById: actor.id },
      });
      await recordAuditEvent(tx, {
        actor: consoleUserActor(actor),
        action: "console_user.created",
        target: { type: "console_user", id: created.id, label: created.email },
        request,
        details: { role: created.role },
      });
      return created;
    });
    return { id: user.id, email: user.email, oneTimePassword };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "A console user with this e-mail address already exists.", {
        email: ["Already in use."],
      });
    }
    throw error;
  }
}
