import { randomBytes } from "node:crypto";
import type { JobFunction } from "@/lib/jobs/define-job";
import { LockLostError } from "@/lib/jobs/embedded/embedded-step-tools";
import type { JobStepTools } from "@/lib/jobs/job-types";
import { providerForConnection } from "@/lib/connections/provider-for-connection";
import { createCredentialResetJob } from "@/lib/jobs/functions/credential-reset";
import type { VerificationPurpose } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { getCurrentPolicy } from "@/lib/verification/policy";
import { hashToken } from "@/lib/verification/requests/verification-secrets";

const credentialReset = createCredentialResetJob(providerForConnection);

/** A synced employee pointing at a sandbox user (the workflow acts on `externalId`). */
export function createSandboxEmployee(connectionId: string, user: { id: string; login: string; firstName?: string; lastName?: string; email?: string | null; mobilePhone?: string | null; adminRoles?: string[] }) {
  return db().employee.create({
    data: {
      connectionId,
      externalId: user.id,
      login: user.login,
      firstName: user.firstName ?? "Alex",
      lastName: user.lastName ?? "Doe",
      email: user.email === undefined ? user.login : user.email,
      mobilePhone: user.mobilePhone ?? "+14155550123",
      country: "US",
      accountStatus: "ACTIVE",
      adminRoles: user.adminRoles ?? [],
      lastSyncedAt: new Date(),
    },
  });
}

/** A verification that has just been decided VERIFIED (what the engine's own tests cover end to end). */
export async function createVerifiedRequest(employeeId: string, options: { purpose?: VerificationPurpose; initiatedById?: string; bindingConfirmed?: boolean; decidedAt?: Date } = {}) {
  const policy = await db().$transaction((tx) => getCurrentPolicy(tx));
  return db().verificationRequest.create({
    data: {
      employeeId,
      policyId: policy.id,
      purpose: options.purpose ?? "ACCOUNT_RECOVERY",
      initiatorType: options.initiatedById ? "CONSOLE_USER" : "SELF_SERVE",
      initiatedById: options.initiatedById ?? null,
      status: "VERIFIED",
      linkTokenHash: hashToken(randomBytes(32).toString("base64url")),
      linkConsumedAt: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
      decidedAt: options.decidedAt ?? new Date(),
      bindingConfirmedAt: options.bindingConfirmed ? new Date() : null,
    },
  });
}

/**
 * The reset job, except that `interrupt()` is thrown once, right after the n-th step it newly completes (the
 * step's output is stored first).
 */
function resetJobInterruptedAfterStep(n: number, interrupt: () => Error): JobFunction {
  const { definition } = credentialReset;
  let completed = 0;
  return {
    ...credentialReset,
    definition: {
      ...definition,
      handler(context) {
        const step: JobStepTools = {
          async run(id, fn) {
            let ran = false;
            const output = await context.step.run(id, async () => {
              ran = true;
              return fn();
            });
            if (ran && ++completed === n) throw interrupt();
            return output;
          },
          sleep: (id, ms) => context.step.sleep(id, ms),
          sendEvent: (id, events) => context.step.sendEvent(id, events),
        };
        return definition.handler({ ...context, step });
      },
    },
  };
}

/**
 * The process "dies" right after the n-th step: the run is abandoned with its lock held (LockLostError settles
 * nothing), exactly what a SIGKILL between two steps leaves behind. Another worker resumes it once the lock
 * expires.
 */
export function resetJobDyingAfterStep(n: number): JobFunction {
  return resetJobInterruptedAfterStep(n, () => new LockLostError());
}

/**
 * A transient failure right after the n-th step: the run goes back to the queue to wait for its retry (where a
 * duplicate run of the same reset can overtake it).
 */
export function resetJobFailingOnceAfterStep(n: number): JobFunction {
  return resetJobInterruptedAfterStep(n, () => new Error("The network blinked."));
}

/**
 * Everything the job runtime persisted for a reset's runs (step outputs), as one string: what must never hold
 * the secret, sealed or not.
 */
export async function storedStepOutputs(resetId: string): Promise<string> {
  const steps = await db().jobStep.findMany({ where: { run: { eventData: { path: ["resetId"], equals: resetId } } }, select: { stepId: true, output: true } });
  if (steps.length === 0) throw new Error("the reset's job run has no steps");
  return JSON.stringify(steps);
}

/** A value sealed by the key ring (`v1.<keyId>.<iv>.<ciphertext>.<tag>`), or a field meant to carry one. */
export const SEALED_VALUE = /v1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+|"sealed\w*"\s*:/i;
