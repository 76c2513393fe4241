import type { Metadata } from "next";
import { CodeStep } from "@/app/(public)/verify/continue/code-step";
import { DetailsStep } from "@/app/(public)/verify/continue/details-step";
import { DocumentStep } from "@/app/(public)/verify/continue/document-step";
import { FaceStep } from "@/app/(public)/verify/continue/face-step";
import { ResetPanel } from "@/app/(public)/verify/continue/reset-panel";
import { StepProgress } from "@/app/(public)/verify/continue/step-progress";
import { VerificationOutcome } from "@/app/(public)/verify/continue/verification-outcome";
import { WalletOption } from "@/app/(public)/verify/continue/wallet-option";
import { LinkUnavailable } from "@/app/(public)/verify/link-unavailable";
import { currentVerificationSession } from "@/app/(public)/verify/verification-cookie";
import { getResetOverview } from "@/lib/credential-reset/get-reset-overview";
import { CLAIM_LABELS } from "@/lib/verification/claims";
import { MAX_FACE_ATTEMPTS } from "@/lib/verification/face/face-challenge";
import { faceCheckRequired } from "@/lib/verification/face/face-check-required";
import { openBindingCode } from "@/lib/verification/requests/caller-binding";
import { detailsToAsk } from "@/lib/verification/requests/advance-verification";
import { verificationSteps } from "@/lib/verification/requests/load-verification-session";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { codeDestinations, RESEND_COOLDOWN_SECONDS } from "@/lib/verification/requests/possession-code";
import { describeRequestedElements, MDL_DOCTYPE } from "@/lib/wallet/mdoc/wallet-doctypes";
import { walletRequestPlan } from "@/lib/wallet/presentations/wallet-request-plan";

export const metadata: Metadata = { title: "Verify your identity", robots: { index: false, follow: false } };

export default async function ContinueVerificationPage() {
  const session = await currentVerificationSession();
  if (!session) return <LinkUnavailable reason="SESSION_ENDED" />;
  const step = nextVerificationStep(session);
  if (step === "DONE") {
    const bindingCode = session.status === "VERIFIED" && !session.bindingConfirmedAt ? openBindingCode(session) : null;
    const overview = session.status === "VERIFIED" ? await getResetOverview(session.id) : null;
    return (
      <VerificationOutcome status={session.status} purpose={session.purpose} bindingCode={bindingCode}>
        {overview ? <ResetPanel overview={overview} agentMayAct={session.initiatorType !== "SELF_SERVE"} /> : null}
      </VerificationOutcome>
    );
  }

  const steps = verificationSteps(session);
  const latest = session.evidence[0];
  return (
    <section className="space-y-6" aria-labelledby="step-heading">
      <StepProgress steps={steps} current={step} />
      {step === "CODE" ? (
        <CodeStep
          destinations={codeDestinations(session)}
          sentTo={session.codeChannel && session.codeSentAt ? session.codeChannel : null}
          canResend={session.codeSendCount < 3}
          cooldownSeconds={RESEND_COOLDOWN_SECONDS}
          lastStep={session.initiatorType === "SELF_SERVE"}
        />
      ) : null}
      {step === "DOCUMENT" ? (
        <WalletOption sharing={describeRequestedElements(walletRequestPlan(session)[MDL_DOCTYPE.doctype] ?? [])} attemptsLeft={Math.max(0, session.policy.maxAttempts - session.walletAttempts)} />
      ) : null}
      {step === "DOCUMENT" ? (
        <DocumentStep
          key="read"
          attemptsLeft={session.policy.maxAttempts - session.documentAttempts}
          previousProblem={latest && (!latest.readable || latest.expired) ? (latest.expired ? "The last document had expired." : null) : null}
          portraitNeeded={faceCheckRequired(session)}
        />
      ) : null}
      {step === "DOCUMENT_FRONT" ? (
        <DocumentStep
          key="front"
          attemptsLeft={Math.max(0, session.policy.maxAttempts - session.frontAttempts)}
          previousProblem={null}
          front={latest?.documentKind === "AAMVA" ? "LICENCE" : "ID_CARD"}
        />
      ) : null}
      {step === "FACE" ? <FaceStep attemptsLeft={Math.max(0, MAX_FACE_ATTEMPTS - session.faceAttempts)} /> : null}
      {step === "DETAILS" ? <DetailsStep fields={detailsToAsk(session).map((claim) => ({ claim, label: CLAIM_LABELS[claim] }))} /> : null}
    </section>
  );
}
