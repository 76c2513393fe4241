import { z } from "zod";
import { openSecret, sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { createProviderForConnection } from "@/lib/directory/create-provider-for-connection";
import { generateTemporaryPassword } from "@/lib/iam/credentials/generate-temporary-password";
import type { ConnectedIdentityProvider } from "@/lib/iam/identity-provider";
import { toJobStepError } from "@/lib/jobs/to-job-step-error";
import { markResetStep, recordResetStep } from "@/lib/credential-reset/reset-progress";

/**
 * The provider-facing steps of a reset. Each is ONE provider action, run inside a memoised job step: the
 * runtime stores its output, so a resumed workflow never calls the provider again for a completed step.
 * Secrets leave a step only sealed (context `credential-reset:<id>`): step outputs are persisted by the
 * job runtime (JobStep rows, or Inngest's run state), and must never hold a password in clear.
 */
export type ResetTarget = { resetId: string; connectionId: string; externalId: string };

export function secretContext(resetId: string): string {
  return `credential-reset:${resetId}`;
}

async function providerStep<T>(target: ResetTarget, step: string, call: (provider: ConnectedIdentityProvider) => Promise<{ output: T; detail: string }>): Promise<T> {
  try {
    await markResetStep(target.resetId, step);
    const provider = await createProviderForConnection(target.connectionId);
    const { output, detail } = await call(provider);
    await recordResetStep(target.resetId, step, detail);
    return output;
  } catch (error) {
    throw toJobStepError(error, (name) => `The reset stopped on an internal error (${name}); it is retried automatically.`);
  }
}

export const adminRolesSchema = z.object({ roles: z.array(z.string()) });
export function checkAdminRoles(target: ResetTarget) {
  return providerStep(target, "check-admin-roles", async (provider) => {
    const roles = await provider.getPrivilegedRoles(target.externalId);
    return { output: { roles }, detail: roles.length === 0 ? "No administrator roles." : `Administrator roles: ${roles.join(", ")}.` };
  });
}

export const sealedSecretSchema = z.object({ sealed: z.string().min(1) });

/** Generated in its own step so that a retried "set" step sets the same password, not a second one. */
export async function generateSealedTemporaryPassword(resetId: string): Promise<{ sealed: string }> {
  const reset = await db().credentialReset.findUniqueOrThrow({ where: { id: resetId }, select: { employee: { select: { login: true, firstName: true, lastName: true } } } });
  const { login, firstName, lastName } = reset.employee;
  const password = generateTemporaryPassword(login, { alsoAvoid: [firstName, lastName].filter((name): name is string => Boolean(name)) });
  await recordResetStep(resetId, "generate-temporary-password", "Generated (shown only to the employee).");
  return { sealed: sealSecret(password, secretContext(resetId)) };
}

export function setTemporaryPassword(target: ResetTarget, sealedPassword: string) {
  return providerStep(target, "set-temporary-password", async (provider) => {
    const result = await provider.resetPassword(target.externalId, { temporaryPassword: openSecret(sealedPassword, secretContext(target.resetId)) });
    return { output: { sealed: sealSecret(result.temporaryPassword, secretContext(target.resetId)) }, detail: "Temporary password set; a new one is required at the next sign-in." };
  });
}

export function createResetLink(target: ResetTarget) {
  return providerStep(target, "create-reset-link", async (provider) => {
    const { url } = await provider.createPasswordResetLink(target.externalId);
    return { output: { sealed: sealSecret(url, secretContext(target.resetId)) }, detail: "One-time reset link created; sessions cleared." };
  });
}

export const mfaResetOutputSchema = z.object({ removed: z.number().int(), kept: z.number().int(), sealedPass: z.string().nullable(), passMinutes: z.number().nullable() });
export function removeMfaMethods(target: ResetTarget, issueTemporaryAccessPass: boolean) {
  return providerStep(target, "remove-mfa-methods", async (provider) => {
    const result = await provider.resetMfa(target.externalId, { issueTemporaryAccessPass });
    const pass = result.temporaryAccessPass;
    const kinds = [...new Set(result.removed.map((method) => method.kind))].join(", ");
    return {
      output: { removed: result.removed.length, kept: result.kept.length, sealedPass: pass ? sealSecret(pass.value, secretContext(target.resetId)) : null, passMinutes: pass?.lifetimeInMinutes ?? null },
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
