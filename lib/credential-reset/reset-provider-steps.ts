import { z } from "zod";
import { db } from "@/lib/db/prisma";
import type { ProviderSource } from "@/lib/iam/identity-provider";
import type { ResetStepId } from "@/lib/credential-reset/reset-steps";
import { generateTemporaryPassword } from "@/lib/iam/credentials/generate-temporary-password";
import type { IdentityProvider } from "@/lib/iam/identity-provider";
import { keepResetSecret, openPendingResetSecret, type ResetOwner } from "@/lib/credential-reset/pending-reset-secret";
import { markResetStep, recordResetStep } from "@/lib/credential-reset/reset-progress";

/**
 * The provider-facing steps of a reset. Each is ONE provider action, run inside a memoised job step: the
 * runtime stores its output, so a resumed workflow never calls the provider again for a completed step.
 * Step outputs are persisted by the job runtime (JobStep rows, or Inngest's run state) and so never carry a
 * secret, not even sealed: a password, pass or link goes onto the reset row (pending-reset-secret.ts), where
 * revealing it or letting it lapse clears it, and later steps read it from there. The connection's provider
 * comes from `providers` (the workflow passes lib/connections' factory; tests an in-memory directory); errors
 * are the domain's (ProviderError, AppError), translated for the job runtime by the workflow.
 */
export type ResetTarget = ResetOwner & { connectionId: string; externalId: string; providers: ProviderSource };

async function providerStep<T>(target: ResetTarget, step: ResetStepId, call: (provider: IdentityProvider) => Promise<{ output: T; detail: string }>): Promise<T> {
  await markResetStep(target, step);
  const provider = await target.providers(target.connectionId);
  const { output, detail } = await call(provider);
  await recordResetStep(target.resetId, step, detail);
  return output;
}

export const adminRolesSchema = z.object({ roles: z.array(z.string()) });
export function checkAdminRoles(target: ResetTarget) {
  return providerStep(target, "check-admin-roles", async (provider) => {
    const roles = await provider.getPrivilegedRoles(target.externalId);
    return { output: { roles }, detail: roles.length === 0 ? "No administrator roles." : `Administrator roles: ${roles.join(", ")}.` };
  });
}

export const generatedSchema = z.object({ generated: z.literal(true) });

/**
 * Generated in its own step and kept on the reset row, so that a retried "set" step sets the same password,
 * not a second one; a retried "generate" (crash before its memo was stored) keeps the first password.
 */
export async function generateTemporaryPasswordForReset(owner: ResetOwner): Promise<{ generated: true }> {
  await markResetStep(owner, "generate-temporary-password");
  const reset = await db().credentialReset.findUniqueOrThrow({ where: { id: owner.resetId }, select: { employee: { select: { login: true, firstName: true, lastName: true } } } });
  const { login, firstName, lastName } = reset.employee;
  const password = generateTemporaryPassword(login, { alsoAvoid: [firstName, lastName].filter((name): name is string => Boolean(name)) });
  await keepResetSecret(owner, password, "TEMPORARY_PASSWORD", { keepExisting: true });
  await recordResetStep(owner.resetId, "generate-temporary-password", "Generated (shown only to the employee).");
  return { generated: true };
}

export const passwordSetSchema = z.object({ set: z.literal(true) });
export function setTemporaryPassword(target: ResetTarget) {
  return providerStep(target, "set-temporary-password", async (provider) => {
    const result = await provider.resetPassword(target.externalId, { temporaryPassword: await openPendingResetSecret(target) });
    // Okta may answer with a password of its own: what the provider holds is what the employee is shown.
    await keepResetSecret(target, result.temporaryPassword, "TEMPORARY_PASSWORD");
    return { output: { set: true as const }, detail: "Temporary password set; a new one is required at the next sign-in." };
  });
}

export const linkCreatedSchema = z.object({ created: z.literal(true) });
export function createResetLink(target: ResetTarget) {
  return providerStep(target, "create-reset-link", async (provider) => {
    const { url } = await provider.createPasswordResetLink(target.externalId);
    await keepResetSecret(target, url, "RESET_LINK");
    return { output: { created: true as const }, detail: "One-time reset link created; sessions cleared." };
  });
}

export const mfaResetOutputSchema = z.object({ removed: z.number().int(), kept: z.number().int(), passIssued: z.boolean(), passMinutes: z.number().nullable() });
export function removeMfaMethods(target: ResetTarget, issueTemporaryAccessPass: boolean) {
  return providerStep(target, "remove-mfa-methods", async (provider) => {
    const result = await provider.resetMfa(target.externalId, { issueTemporaryAccessPass });
    const pass = result.temporaryAccessPass;
    if (pass) await keepResetSecret(target, pass.value, "TEMPORARY_ACCESS_PASS");
    const kinds = [...new Set(result.removed.map((method) => method.kind))].join(", ");
    return {
      output: { removed: result.removed.length, kept: result.kept.length, passIssued: pass !== null, passMinutes: pass?.lifetimeInMinutes ?? null },
      detail: `${result.removed.length} method(s) removed${kinds ? ` (${kinds})` : ""}${pass ? `; single-use Temporary Access Pass issued for ${pass.lifetimeInMinutes} minutes` : ""}.`,
    };
  });
}

export const unlockOutputSchema = z.object({ outcome: z.enum(["unlocked", "not_locked", "not_supported"]), message: z.string() });
export function unlockAccount(target: ResetTarget) {
  return providerStep(target, "unlock-account", async (provider) => {
    const result = await provider.unlockAccount(target.externalId);
    return { output: result, detail: result.message };
  });
}

export const revokedSchema = z.object({ revoked: z.literal(true) });
export function revokeSessions(target: ResetTarget) {
  return providerStep(target, "revoke-sessions", async (provider) => {
    await provider.revokeSessions(target.externalId);
    return { output: { revoked: true as const }, detail: "Signed out of every session." };
  });
}
