import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SIGN_IN_THROTTLE } from "@/lib/auth/throttle-sign-in";
import { changeOwnPassword } from "@/lib/auth/change-own-password";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

const PASSWORD = "a sufficiently long password";
const NEW_PASSWORD = "another sufficiently long passphrase";

async function createUser() {
  return db().consoleUser.create({
    data: { email: `${randomUUID()}@example.com`, name: "Agent", role: "HELPDESK", passwordHash: await hashPassword(PASSWORD), mustChangePassword: false },
  });
}

function codeOf(outcome: PromiseSettledResult<unknown>): string {
  if (outcome.status === "fulfilled") return "changed";
  return outcome.reason instanceof AppError ? outcome.reason.code : "crash";
}

describe("changing one's own password", () => {
  it("checks at most `limit` current passwords of a parallel burst (a stolen session is no password oracle)", async () => {
    const user = await createUser();
    const request = { ip: "10.20.30.40", userAgent: "vitest" };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) =>
        changeOwnPassword(user.id, { currentPassword: `guess ${index}`, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, request),
      ),
    );
    const codes = outcomes.map(codeOf);
    // "invalid_input" means argon2 ran and said no; "rate_limited" means the guess was refused before it.
    expect(codes.filter((code) => code === "invalid_input").length).toBeLessThanOrEqual(SIGN_IN_THROTTLE.freeAttempts);
    expect(codes.filter((code) => code !== "invalid_input" && code !== "rate_limited")).toEqual([]);
    // The right password is refused too while the limit holds: the burst used it up.
    await expect(changeOwnPassword(user.id, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, request)).rejects.toMatchObject({ code: "rate_limited" });
    expect(await verifyPassword((await db().consoleUser.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, PASSWORD)).toBe(true);
  });
});
