import { db } from "@/lib/db/prisma";

/**
 * Spends one document attempt before the upload is read, in one conditional UPDATE: of any number of parallel
 * uploads only as many as attempts are left get one (every upload counts, readable or not). Returns the
 * number of attempts used including this one, or null when none was left or the verification is over.
 */
export async function reserveDocumentAttempt(session: { id: string; policy: { maxAttempts: number } }): Promise<number | null> {
  const [row] = await db().verificationRequest.updateManyAndReturn({
    where: { id: session.id, status: "IN_PROGRESS", documentAttempts: { lt: session.policy.maxAttempts } },
    data: { documentAttempts: { increment: 1 } },
    select: { documentAttempts: true },
  });
  return row?.documentAttempts ?? null;
}
