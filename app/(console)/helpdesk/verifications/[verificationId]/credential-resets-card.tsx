import { StartResetButtons } from "@/app/(console)/helpdesk/verifications/[verificationId]/start-reset-buttons";
import { RefreshWhileOpen } from "@/components/refresh-while-open";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { CredentialResetStatus } from "@/lib/db/generated/enums";
import type { ResetOverview } from "@/lib/credential-reset/get-reset-overview";
import { RESET_ACTION_NAMES } from "@/lib/credential-reset/reset-actions";
import { resetStepLabel } from "@/lib/credential-reset/reset-steps";

const TONES: Record<CredentialResetStatus, BadgeTone> = { QUEUED: "neutral", RUNNING: "brand", SUCCEEDED: "success", FAILED: "danger", REFUSED: "warning" };
const STATUS: Record<CredentialResetStatus, string> = { QUEUED: "Queued", RUNNING: "Running", SUCCEEDED: "Done", FAILED: "Failed", REFUSED: "Refused" };
const time = new Intl.DateTimeFormat("en-GB", { timeStyle: "medium", timeZone: "UTC" });

/**
 * Resets on this verification, step by step, for the agent: who started them, what the provider did, where a
 * failure stopped and why. Secrets never appear here; they are shown once on the employee's screen.
 */
export function CredentialResetsCard({ requestId, overview, callerBound, consoleInitiated, mayStart }: { requestId: string; overview: ResetOverview; callerBound: boolean; consoleInitiated: boolean; mayStart: boolean }) {
  // Only the agent who started the verification (and so took the call) may reset for the caller: DECISIONS 26.
  const canStart = overview.available.length > 0 && consoleInitiated && callerBound && mayStart;
  if (overview.resets.length === 0 && overview.available.length === 0) return null;
  return (
    <Card title="Reset for the employee" description="Runs at the identity provider. Temporary passwords and passes appear on the employee's screen only, once.">
      {overview.running ? <RefreshWhileOpen intervalMs={2000} /> : null}
      {overview.resets.length > 0 ? (
        <ul className="mb-4 space-y-4" data-testid="credential-resets">
          {overview.resets.map((reset) => (
            <li key={reset.id} className="rounded-md px-3 py-3 ring-1 ring-slate-200">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="text-sm font-medium text-slate-900">{RESET_ACTION_NAMES[reset.action]} <span className="font-normal text-slate-500">· ref {reset.reference} · by {reset.initiatedBy ?? "the employee"}</span></p>
                <Badge tone={TONES[reset.status]}>{STATUS[reset.status]}</Badge>
              </div>
              <ol className="mt-2 space-y-1 text-xs text-slate-600">
                {reset.steps.map((step) => (
                  <li key={step.step}>✓ {time.format(new Date(step.at))} · {resetStepLabel(step.step)}: {step.detail}</li>
                ))}
                {reset.currentStep && !reset.failedStep ? <li>… {resetStepLabel(reset.currentStep)}</li> : null}
                {reset.failedStep ? (
                  <li className="font-medium text-red-700" data-testid="failed-step">✗ {resetStepLabel(reset.failedStep)}: {reset.failureReason}</li>
                ) : null}
              </ol>
              {reset.status === "SUCCEEDED" && reset.secretKind ? <p className="mt-2 text-xs text-slate-500">{reset.secretRevealedAt ? `Shown to the employee at ${time.format(reset.secretRevealedAt)} UTC.` : "Waiting on the employee's screen (shown once)."}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canStart ? <StartResetButtons requestId={requestId} actions={overview.available} /> : null}
      {overview.available.length > 0 && consoleInitiated && !mayStart ? <p className="text-sm text-slate-600">Only the agent who started this verification can reset for the caller.</p> : null}
      {overview.available.length > 0 && consoleInitiated && mayStart && !callerBound ? <p className="text-sm text-slate-600">Confirm the caller with the read-back code first; then you can reset for them.</p> : null}
    </Card>
  );
}
