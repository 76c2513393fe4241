import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";
import { toJson } from "@/lib/db/to-json";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { diffPolicies, type PolicyChange } from "@/lib/verification/policy/diff-policies";
import { getCurrentPolicy } from "@/lib/verification/policy/get-current-policy";
import { saveVerificationPolicyInputSchema, type SaveVerificationPolicyInput } from "@/lib/verification/policy/verification-policy-schema";

export type SaveVerificationPolicyResult = {
  /** The version now in force: the new one, or the current one when nothing changed. */
  version: number;
  changes: PolicyChange[];
};

const STALE_MESSAGE = "Someone else changed the verification policy while you were editing it. Reload the page to see their version, then make your change again.";

function fieldErrorsOf(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[issue.path.map(String).join(".") || "form"] ??= []).push(issue.message);
  return fieldErrors;
}

/**
 * Writes the next policy version (current + 1) and its audit event, with the changes field by field, in one
 * transaction. Versions are never edited in place (a database trigger refuses it), so every verification keeps
 * pointing at the exact rules it ran under.
 *
 * Refused with `conflict` when `expectedVersion` is not the current version, or when a concurrent save took the
 * same version number first (the unique index on `version` lets only one of them commit). A save that changes
 * nothing writes nothing.
 */
export async function saveVerificationPolicy(
  actor: Pick<CurrentConsoleUser, "id" | "email">,
  input: SaveVerificationPolicyInput,
  request?: RequestContext,
): Promise<SaveVerificationPolicyResult> {
  // Parsed here as well as in the action: the rules hold for every caller, not just the form.
  const parsed = saveVerificationPolicyInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid_input", "Check the highlighted fields.", fieldErrorsOf(parsed.error.issues));
  const { expectedVersion, ...policy } = parsed.data;

  try {
    return await db().$transaction(async (tx) => {
      const current = await getCurrentPolicy(tx);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw new AppError("conflict", STALE_MESSAGE);
      const changes = diffPolicies(current, policy);
      if (changes.length === 0) return { version: current.version, changes };

      const version = current.version + 1;
      const created = await tx.verificationPolicy.create({
        data: { ...policy, claims: toJson(policy.claims), version, createdById: actor.id },
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        actor: consoleUserActor(actor),
        action: "verification_policy.updated",
        target: { type: "verification_policy", id: created.id, label: `Version ${version}` },
        request,
        details: {
          fromVersion: current.version,
          toVersion: version,
          changes: Object.fromEntries(changes.map((change) => [change.field, { from: change.from, to: change.to }])),
          summary: changes.map((change) => change.description).join("; "),
        },
      });
      return { version, changes };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("conflict", STALE_MESSAGE);
    throw error;
  }
}
