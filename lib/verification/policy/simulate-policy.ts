import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import type { IamProvider } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { CLAIM_EMPLOYEE_FIELDS, CLAIM_NAMES, type ClaimName } from "@/lib/verification/claims";
import { SIMULATION_BLOCKED_LIMIT } from "@/lib/verification/policy/simulation-limits";
import type { PolicySimulationInput } from "@/lib/verification/policy/verification-policy-schema";

export type PolicySimulation = {
  /** Active members of the employee group in the synced directory. */
  totalActive: number;
  canPass: number;
  cannotPass: number;
  /** Active employees whose directory profile lacks each claim, whatever the claim's requirement. */
  missingByClaim: Record<ClaimName, number>;
  /** Who cannot pass and which Required claims they lack: the first 50 by login. */
  blocked: Array<{ employeeId: string; login: string; name: string | null; missing: ClaimName[] }>;
};

// Same notion of "missing" as directoryClaimsOf: NULL, empty or only whitespace. Column names come from
// CLAIM_EMPLOYEE_FIELDS (constants), never from input, so splicing them into the SQL is safe.
const isMissing = (claim: ClaimName) => Prisma.raw(`NULLIF(btrim("${CLAIM_EMPLOYEE_FIELDS[claim]}"), '') IS NULL`);

const countsSchema = z.object({ total: z.bigint(), canPass: z.bigint(), missing: z.record(z.enum(CLAIM_NAMES), z.number()) });
const blockedRowSchema = z.object({
  id: z.string(),
  login: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  missing: z.array(z.enum(CLAIM_NAMES)),
});

/**
 * Who could pass a verification under `input`, before it is saved: an active employee cannot when a Required
 * claim is missing from their directory profile (there is nothing to match the evidence against). Counted in
 * PostgreSQL with one aggregate and one LIMIT-ed list, so 100 000 employees cost two queries, not a table in memory.
 */
export async function simulatePolicy(input: PolicySimulationInput, { connectionId }: { connectionId: string }): Promise<PolicySimulation> {
  const required = CLAIM_NAMES.filter((claim) => input.claims[claim] === "REQUIRED");
  const anyRequiredMissing = required.length ? Prisma.join(required.map(isMissing), " OR ") : Prisma.sql`false`;
  const scope = Prisma.sql`FROM employee WHERE "connectionId" = ${connectionId}::uuid AND membership = 'ACTIVE'`;

  const countsQuery = db().$queryRaw<unknown[]>`
    SELECT count(*) AS total,
      count(*) FILTER (WHERE NOT (${anyRequiredMissing})) AS "canPass",
      json_build_object(${Prisma.join(CLAIM_NAMES.map((claim) => Prisma.sql`${claim}::text, count(*) FILTER (WHERE ${isMissing(claim)})`))}) AS missing
    ${scope}`;
  const blockedQuery = required.length
    ? db().$queryRaw<unknown[]>`
        SELECT id::text AS id, login, "firstName", "lastName",
          array_remove(ARRAY[${Prisma.join(required.map((claim) => Prisma.sql`CASE WHEN ${isMissing(claim)} THEN ${claim}::text END`))}]::text[], NULL) AS missing
        ${scope} AND (${anyRequiredMissing})
        ORDER BY login LIMIT ${SIMULATION_BLOCKED_LIMIT}`
    : Promise.resolve([]);

  const [countRows, blockedRows] = await Promise.all([countsQuery, blockedQuery]);
  const counts = countsSchema.parse(countRows[0]);
  const totalActive = Number(counts.total);
  const canPass = Number(counts.canPass);
  return {
    totalActive,
    canPass,
    cannotPass: totalActive - canPass,
    missingByClaim: counts.missing,
    blocked: blockedRows.map((raw) => {
      const row = blockedRowSchema.parse(raw);
      const name = [row.firstName, row.lastName].filter((part) => part && part.trim()).join(" ");
      return { employeeId: row.id, login: row.login, name: name || null, missing: row.missing };
    }),
  };
}

/** The simulation on the installation's current IAM connection, or null when none is connected yet. */
export async function simulatePolicyOnCurrentDirectory(
  input: PolicySimulationInput,
): Promise<{ provider: IamProvider; simulation: PolicySimulation } | null> {
  const connection = await db().iamConnection.findUnique({ where: { singleton: true }, select: { id: true, provider: true } });
  if (!connection) return null;
  return { provider: connection.provider, simulation: await simulatePolicy(input, { connectionId: connection.id }) };
}
