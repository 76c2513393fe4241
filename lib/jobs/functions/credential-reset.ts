import { NonRetriableError } from "inngest";
import { z } from "zod";
import type { ProviderSource } from "@/lib/iam/identity-provider";
import { beginCredentialReset, beginResultSchema } from "@/lib/credential-reset/begin-credential-reset";
import { CREDENTIAL_RESET_REQUESTED, credentialResetRequestedSchema } from "@/lib/credential-reset/credential-reset-event";
import { type PlannedResetStep, planResetSteps } from "@/lib/credential-reset/plan-reset-steps";
import { SECRET_REVEAL_MINUTES } from "@/lib/credential-reset/reset-actions";
import {
  adminRolesSchema,
  checkAdminRoles,
  createResetLink,
  generatedSchema,
  generateTemporaryPasswordForReset,
  linkCreatedSchema,
  mfaResetOutputSchema,
  passwordSetSchema,
  removeMfaMethods,
  type ResetTarget,
  revokedSchema,
  revokeSessions,
  setTemporaryPassword,
  unlockAccount,
  unlockOutputSchema,
} from "@/lib/credential-reset/reset-provider-steps";
import { completeCredentialReset, failCredentialReset, refuseCredentialReset } from "@/lib/credential-reset/settle-credential-reset";
import { capabilitiesOf } from "@/lib/iam/provider-capabilities";
import { defineJob, type JobFunction } from "@/lib/jobs/define-job";
import type { JobStepTools } from "@/lib/jobs/job-types";
import { runStep } from "@/lib/jobs/run-step";
import { toJobStepError } from "@/lib/jobs/to-job-step-error";

const completedSchema = z.object({ completed: z.boolean() });
const doneSchema = z.object({ done: z.literal(true) });

type SecretShown = { kind: "TEMPORARY_PASSWORD" | "TEMPORARY_ACCESS_PASS" | "RESET_LINK"; minutes: number };
/** What a step contributes to the completion: the secret the employee is shown, the summary, whether to notify. */
type StepOutcome = { secret?: SecretShown; summary?: string; notify?: boolean };

/** Domain errors (ProviderError, AppError) in the job runtime's vocabulary: retry, wait, or stop. */
async function inJobTerms<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toJobStepError(error, (name) => `The reset stopped on an internal error (${name}); it is retried automatically.`);
  }
}

/** Runs one planned step as a memoised job step (its id is the step's id: a resumed run replays, never repeats). */
async function runPlannedStep(step: JobStepTools, planned: PlannedResetStep, target: ResetTarget): Promise<StepOutcome> {
  switch (planned.id) {
    case "generate-temporary-password":
      await runStep(step, planned.id, generatedSchema, () => inJobTerms(() => generateTemporaryPasswordForReset(target)));
      return {};
    case "set-temporary-password":
      await runStep(step, planned.id, passwordSetSchema, () => inJobTerms(() => setTemporaryPassword(target)));
      return { secret: { kind: "TEMPORARY_PASSWORD", minutes: SECRET_REVEAL_MINUTES }, summary: "temporary password, change required" };
    case "create-reset-link":
      await runStep(step, planned.id, linkCreatedSchema, () => inJobTerms(() => createResetLink(target)));
      return { secret: { kind: "RESET_LINK", minutes: SECRET_REVEAL_MINUTES }, summary: "one-time reset link" };
    case "remove-mfa-methods": {
      const mfa = await runStep(step, planned.id, mfaResetOutputSchema, () => inJobTerms(() => removeMfaMethods(target, planned.issueTemporaryAccessPass)));
      return {
        ...(mfa.passIssued ? { secret: { kind: "TEMPORARY_ACCESS_PASS" as const, minutes: mfa.passMinutes ?? SECRET_REVEAL_MINUTES } } : {}),
        summary: `${mfa.removed} method(s) removed${mfa.passIssued ? ", Temporary Access Pass issued" : ""}`,
      };
    }
    case "unlock-account": {
      const unlock = await runStep(step, planned.id, unlockOutputSchema, () => inJobTerms(() => unlockAccount(target)));
      return { summary: unlock.outcome, notify: unlock.outcome === "unlocked" };
    }
    case "revoke-sessions":
      await runStep(step, planned.id, revokedSchema, () => inJobTerms(() => revokeSessions(target)));
      return {};
  }
}

/**
 * One password / MFA reset or unlock, after a VERIFIED verification. Every provider action is its own memoised
 * step with a deterministic id, so a retried or resumed run never issues a second password or TAP and never
 * deletes twice: begin (this run becomes the reset's only owner) → check-admin-roles (refuse administrators
 * before any write) → the plan's steps (planResetSteps: action × policy × the provider's capabilities) →
 * complete (SUCCEEDED + notices + audit, one transaction). The event carries the reset's id as its event id, so a
 * duplicate is dropped at the door; one that still gets in finds another owner at "begin" and stops.
 */
export const createCredentialResetJob = (providers: ProviderSource): JobFunction =>
  defineJob({
    id: "credential-reset",
    trigger: { event: CREDENTIAL_RESET_REQUESTED },
    // One workflow per reset at a time. Not a guarantee of a single run (runs queued one after another still both
    // run, and Inngest interleaves steps of runs that share a key): the owner recorded by "begin" is.
    concurrencyKey: "event.data.resetId",
    retries: 5,
    async handler({ event, step, runId }) {
      const payload = credentialResetRequestedSchema.safeParse(event.data);
      if (!payload.success) throw new NonRetriableError("The credential reset event is malformed.");
      const { resetId } = payload.data;
      const owner = { resetId, runId };

      // Only the run that owns the reset gets past "begin"; a duplicate run stops here, before any provider call.
      const begun = await runStep(step, "begin", beginResultSchema, () => beginCredentialReset(resetId, runId));
      if (begun.status !== "RUNNING") return { resetId, status: begun.status };
      const target: ResetTarget = { ...owner, connectionId: begun.connectionId, externalId: begun.externalId, providers };

      const { roles } = await runStep(step, "check-admin-roles", adminRolesSchema, () => inJobTerms(() => checkAdminRoles(target)));
      if (roles.length > 0) {
        await runStep(step, "refuse", doneSchema, async () => {
          await refuseCredentialReset(owner, roles);
          return { done: true as const };
        });
        return { resetId, status: "REFUSED" };
      }

      // Secrets never pass through step outputs (they are persisted): the steps keep them on the reset row.
      const plan = planResetSteps({ action: begun.action, policy: begun, capabilities: capabilitiesOf(begun.provider) });
      let settled: Required<Pick<StepOutcome, "notify">> & { secret: SecretShown | null; summary: string } = { secret: null, notify: true, summary: "" };
      for (const planned of plan) {
        const outcome = await runPlannedStep(step, planned, target);
        settled = { secret: outcome.secret ?? settled.secret, summary: outcome.summary ?? settled.summary, notify: outcome.notify ?? settled.notify };
      }

      const finished = await runStep(step, "complete", completedSchema, () => completeCredentialReset(owner, settled));
      return { resetId, status: finished.completed ? "SUCCEEDED" : "UNCHANGED" };
    },
    async onFailure({ event, errorMessage, step, runId }) {
      const payload = credentialResetRequestedSchema.safeParse(event.data);
      if (!payload.success) return;
      // Fails the reset only if the failed run owned it (or it never started): a failing duplicate changes nothing.
      await step.run("mark-failed", () => failCredentialReset(payload.data.resetId, errorMessage, runId));
    },
  });
