import { z } from "zod";
import { db } from "@/lib/db/prisma";
import { storeReadBirthdays } from "@/lib/directory/birthdays/store-read-birthdays";
import { ProviderError, type ProviderSource } from "@/lib/iam/identity-provider";

/** Employees per step: ten Graph batches of 20, sent one after another. */
export const BACKFILL_CHUNK = 200;
/** An employee whose provider had no date of birth is asked again after this long (HR may have filled it in). */
export const BIRTHDAY_RECHECK_DAYS = 7;

export const backfillResultSchema = z.object({
  /** `done`: nothing left to read for now; `more`: another chunk waits; `throttled`: wait `retryAfterMs` first. */
  outcome: z.enum(["done", "more", "throttled"]),
  read: z.number().int().nonnegative(),
  found: z.number().int().nonnegative(),
  retryAfterMs: z.number().int().nonnegative().nullable(),
});
export type BackfillResult = z.infer<typeof backfillResultSchema>;

const candidateSchema = z.array(z.object({ externalId: z.string() }));

/**
 * One chunk of the date-of-birth back-fill of a connection whose provider serves birthdays per employee: the active
 * employees without one that were never asked (or not for BIRTHDAY_RECHECK_DAYS), oldest ask first, read in one
 * `readBirthdays` call and stored. Throttling is an outcome (the job sleeps durably), other provider failures throw.
 */
export async function backfillBirthdays(input: { connectionId: string; providers: ProviderSource; limit?: number; now?: Date }): Promise<BackfillResult> {
  const limit = input.limit ?? BACKFILL_CHUNK;
  const now = input.now ?? new Date();
  const recheckBefore = new Date(now.getTime() - BIRTHDAY_RECHECK_DAYS * 86_400_000).toISOString();
  const candidates = candidateSchema.parse(
    await db().$queryRaw`
      SELECT "externalId" FROM "employee"
      WHERE "connectionId" = ${input.connectionId}::uuid AND "membership" = 'ACTIVE' AND "birthday" IS NULL
        AND ("birthdayReadAt" IS NULL OR "birthdayReadAt" < ${recheckBefore}::timestamptz AT TIME ZONE 'UTC')
      ORDER BY "birthdayReadAt" ASC NULLS FIRST, "externalId"
      LIMIT ${limit}`,
  );
  if (candidates.length === 0) return { outcome: "done", read: 0, found: 0, retryAfterMs: null };
  const provider = await input.providers(input.connectionId);
  if (provider.capabilities.birthdaySource !== "per_employee") return { outcome: "done", read: 0, found: 0, retryAfterMs: null };
  let birthdays: Map<string, string | null>;
  try {
    birthdays = await provider.readBirthdays(candidates.map((candidate) => candidate.externalId));
  } catch (error) {
    if (error instanceof ProviderError && error.options.retryable) return { outcome: "throttled", read: 0, found: 0, retryAfterMs: error.options.retryAfterMs ?? 5_000 };
    throw error;
  }
  await storeReadBirthdays({ connectionId: input.connectionId, birthdays, readAt: now });
  const found = [...birthdays.values()].filter((birthday) => birthday !== null).length;
  return { outcome: candidates.length < limit ? "done" : "more", read: birthdays.size, found, retryAfterMs: null };
}
