import { z } from "zod";
import { AUDIT_ACTIONS } from "@/lib/audit/audit-actions";
import type { Prisma } from "@/lib/db/generated/client";

const optionalText = z
  .string()
  .trim()
  .max(254)
  .optional()
  .transform((value) => value || undefined);

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined)
  .pipe(z.iso.date({ error: "Use a date like 2026-01-31." }).optional());

/** The audit page's query string (also used by the CSV export, so both show the same rows). */
export const auditFilterSchema = z
  .object({
    actor: optionalText,
    action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
    from: optionalDate,
    to: optionalDate,
    before: z
      .string()
      .regex(/^\d{1,19}$/)
      .optional()
      .catch(undefined),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, {
    path: ["to"],
    message: "The end date is before the start date.",
  });

export type AuditFilter = Partial<z.output<typeof auditFilterSchema>>;

/** Dates are whole days in UTC, inclusive at both ends. */
export function auditFilterWhere(filter: AuditFilter): Prisma.AuditEventWhereInput {
  const occurredAt: Prisma.DateTimeFilter = {};
  if (filter.from) occurredAt.gte = new Date(`${filter.from}T00:00:00.000Z`);
  if (filter.to) occurredAt.lt = new Date(new Date(`${filter.to}T00:00:00.000Z`).getTime() + 86_400_000);
  return {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.actor
      ? {
          OR: [
            { actorLabel: { contains: filter.actor, mode: "insensitive" } },
            { actorId: filter.actor },
          ],
        }
      : {}),
    ...(filter.from || filter.to ? { occurredAt } : {}),
  };
}
