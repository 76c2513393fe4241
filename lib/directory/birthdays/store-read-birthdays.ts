import { z } from "zod";
import { db } from "@/lib/db/prisma";

const isoDate = z.iso.date();

/**
 * Writes dates of birth read one employee at a time (IdentityProvider.readBirthdays) onto the connection's employee
 * rows, with `birthdayReadAt`: a null answer is stored too (the provider has none), so the back-fill does not ask
 * again for a while. `updatedAt` moves only when the birthday changed. Anything but YYYY-MM-DD is stored as null.
 * Returns the number of rows written. Never logs the values.
 */
export async function storeReadBirthdays(input: { connectionId: string; birthdays: ReadonlyMap<string, string | null>; readAt: Date }): Promise<number> {
  if (input.birthdays.size === 0) return 0;
  const rows = JSON.stringify([...input.birthdays].map(([externalId, birthday]) => ({ externalId, birthday: isoDate.safeParse(birthday).success ? birthday : null })));
  const readAt = input.readAt.toISOString();
  return db().$executeRaw`
    UPDATE "employee" AS e SET
      "birthday" = t."birthday",
      "birthdayReadAt" = ${readAt}::timestamptz AT TIME ZONE 'UTC',
      "updatedAt" = CASE WHEN e."birthday" IS DISTINCT FROM t."birthday" THEN ${readAt}::timestamptz AT TIME ZONE 'UTC' ELSE e."updatedAt" END
    FROM json_to_recordset(${rows}::json) AS t("externalId" text, "birthday" text)
    WHERE e."connectionId" = ${input.connectionId}::uuid AND e."externalId" = t."externalId"`;
}
