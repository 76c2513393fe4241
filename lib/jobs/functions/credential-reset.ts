import { NonRetriableError } from "inngest";
import { z } from "zod";
import { beginCredentialReset, beginResultSchema } from "@/lib/credential-reset/begin-credential-reset";
import { CREDENTIAL_RESET_REQUESTED, credentialResetRequestedSchema } from "@/lib/credential-reset/credential-reset-event";
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
  revokedSchema,
  revokeSessions,
  setTemporaryPassword,
  unlockAccount,
  unlockOutputSchema,
} from "@/lib/credential-reset/reset-provider-steps";
import { completeCredentialReset, failCredentialReset, refuseCredentialReset } from "@/lib/credential-reset/settle-credential-reset";
import { defineJob } from "@/lib/jobs/define-job";
import { runStep } from "@/lib/jobs/run-step";

const completedSchema = z.object({ completed: z.boolean() });
const doneSchema = z.object({ done: z.literal(true) });

/**
 * One password / MFA reset or unlock, after a VERIFIED verification. Every provider action is its own memoised
 * step with a deterministic id, so a retried or resumed run never issues a second password or TAP and never
 * deletes twice: begin (this run becomes the reset's only owner) → check-admin-roles (refuse administrators
 * before any write) → the action's steps → revoke-sessions → complete (SUCCEEDED + notices + audit, one
 * transaction). The event carries the reset's id as its event id, so a duplicate is dropped at the door; one that
 * still gets in finds another owner at "begin" and stops.
 */
export const credentialReset = defineJob({
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
    const target = { ...owner, connectionId: begun.connectionId, externalId: begun.externalId };

    const { roles } = await runStep(step, "check-admin-roles", adminRolesSchema, () => checkAdminRoles(target));
    if (roles.length > 0) {
      await runStep(step, "refuse", doneSchema, async () => {
        await refuseCredentialReset(owner, roles);
        return { done: true as const };
      });
      return { resetId, status: "REFUSED" };
    }

    // Secrets never pass through step outputs (they are persisted): the steps keep them on the reset row.
    let secret: { kind: "TEMPORARY_PASSWORD" | "TEMPORARY_ACCESS_PASS" | "RESET_LINK"; minutes: number } | null = null;
    let notify = true;
    let summary: string;
    if (begun.action === "PASSWORD_RESET" && begun.provider === "OKTA" && begun.oktaPasswordResetMethod === "RESET_LINK") {
      // Okta revokes the sessions with the link itself (revokeSessions=true).
      await runStep(step, "create-reset-link", linkCreatedSchema, () => createResetLink(target));
      secret = { kind: "RESET_LINK", minutes: SECRET_REVEAL_MINUTES };
      summary = "one-time reset link";
    } else if (begun.action === "PASSWORD_RESET") {
      await runStep(step, "generate-temporary-password", generatedSchema, () => generateTemporaryPasswordForReset(owner));
      await runStep(step, "set-temporary-password", passwordSetSchema, () => setTemporaryPassword(target));
      await runStep(step, "revoke-sessions", revokedSchema, () => revokeSessions(target));
      secret = { kind: "TEMPORARY_PASSWORD", minutes: SECRET_REVEAL_MINUTES };
      summary = "temporary password, change required";
    } else if (begun.action === "MFA_RESET") {
      const mfa = await runStep(step, "remove-mfa-methods", mfaResetOutputSchema, () => removeMfaMethods(target, begun.issueTemporaryAccessPass && begun.provider === "ENTRA"));
      await runStep(step, "revoke-sessions", revokedSchema, () => revokeSessions(target));
      if (mfa.passIssued) secret = { kind: "TEMPORARY_ACCESS_PASS", minutes: mfa.passMinutes ?? SECRET_REVEAL_MINUTES };
      summary = `${mfa.removed} method(s) removed${mfa.passIssued ? ", Temporary Access Pass issued" : ""}`;
    } else {
      const unlock = await runStep(step, "unlock-account", unlockOutputSchema, () => unlockAccount(target));
      notify = unlock.outcome === "unlocked";
      summary = unlock.outcome;
    }

    const finished = await runStep(step, "complete", completedSchema, () => completeCredentialReset(owner, { secret, notify, summary }));
    return { resetId, status: finished.completed ? "SUCCEEDED" : "UNCHANGED" };
  },
  async onFailure({ event, errorMessage, step, runId }) {
    const payload = credentialResetRequestedSchema.safeParse(event.data);
    if (!payload.success) return;
    // Fails the reset only if the failed run owned it (or it never started): a failing duplicate changes nothing.
    await step.run("mark-failed", () => failCredentialReset(payload.data.resetId, errorMessage, runId));
  },
});
