import { ResetChoices } from "@/app/(public)/verify/continue/reset-choices";
import { RevealSecret } from "@/app/(public)/verify/continue/reveal-secret";
import { RefreshWhileOpen } from "@/components/refresh-while-open";
import { Alert } from "@/components/ui/alert";
import type { CredentialResetView } from "@/lib/credential-reset/list-credential-resets";
import { RESET_ACTION_LABELS, RESET_ACTION_NAMES } from "@/lib/credential-reset/reset-actions";
import type { ResetOverview } from "@/lib/credential-reset/get-reset-overview";
import { resetStepLabel } from "@/lib/credential-reset/reset-steps";

const HINTS = {
  PASSWORD_RESET: { ENTRA: "You get a temporary password, shown once; you choose your own at the next sign-in.", OKTA: "You get a temporary password or a one-time link, shown once." },
  MFA_RESET: { ENTRA: "Your sign-in methods are removed; you set them up again at the next sign-in.", OKTA: "Your sign-in factors are removed; you enrol again at the next sign-in." },
  ACCOUNT_UNLOCK: { ENTRA: "", OKTA: "For an account locked after too many wrong passwords." },
} as const;

function ResetStatus({ reset }: { reset: CredentialResetView }) {
  const name = RESET_ACTION_NAMES[reset.action];
  if (reset.status === "QUEUED" || reset.status === "RUNNING") {
    return (
      <Alert tone="info" title={`${name}: in progress`}>
        {reset.currentStep ? `${resetStepLabel(reset.currentStep)}…` : "Starting…"} This takes a few seconds.
      </Alert>
    );
  }
  if (reset.status === "REFUSED") return <Alert tone="warning" title={`${name}: not possible here`}>{reset.failureReason}</Alert>;
  if (reset.status === "FAILED") {
    return (
      <Alert tone="error" title={`${name}: could not be finished`}>
        It stopped at “{resetStepLabel(reset.failedStep ?? "")}”. Nothing more will happen automatically. Contact your IT service desk and give them reference <strong>{reset.reference}</strong>.
      </Alert>
    );
  }
  const unlock = reset.action === "ACCOUNT_UNLOCK" ? reset.steps.find((step) => step.step === "unlock-account")?.detail : null;
  return (
    <div className="space-y-3">
      <Alert tone="success" title={`${name}: done`}>
        {unlock ?? (reset.secretRevealedAt ? "What you needed was shown once; it cannot be shown again." : "You have been signed out everywhere.")} We also sent a notice to your addresses on record. Reference {reset.reference}.
      </Alert>
      {reset.secretWaiting && reset.secretKind ? <RevealSecret resetId={reset.id} kind={reset.secretKind} /> : null}
    </div>
  );
}

/** After VERIFIED: what the employee can do now, and what they already did (with its shown-once result). */
export function ResetPanel({ overview, agentMayAct }: { overview: ResetOverview; agentMayAct: boolean }) {
  if (overview.resets.length === 0 && overview.available.length === 0) return null;
  // An agent may start a reset from the console at any moment: keep watching while the window is open.
  const watch = overview.running || (agentMayAct && overview.windowEndsAt !== null && overview.available.length > 0);
  const provider = overview.provider ?? "OKTA";
  return (
    <section aria-labelledby="reset-heading" className="space-y-3 text-left">
      <h2 id="reset-heading" className="text-lg font-semibold text-slate-900">{overview.available.length > 0 ? "What do you need?" : "What was done"}</h2>
      {watch ? <RefreshWhileOpen intervalMs={overview.running ? 1500 : 3000} /> : null}
      {overview.resets.map((reset) => <ResetStatus key={reset.id} reset={reset} />)}
      {overview.available.length > 0 ? (
        <ResetChoices choices={overview.available.map((action) => ({ action, label: RESET_ACTION_LABELS[action], hint: HINTS[action][provider] }))} />
      ) : null}
      {overview.available.length > 0 && overview.windowEndsAt ? (
        <p className="text-xs text-slate-500">Available for 30 minutes after your verification.</p>
      ) : null}
    </section>
  );
}
