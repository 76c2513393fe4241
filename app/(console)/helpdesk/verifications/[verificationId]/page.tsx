import type { Metadata } from "next";
import { readFailureLabel } from "@/lib/documents/describe-read-failure";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { walletDoctypeOf } from "@/lib/wallet/mdoc/wallet-doctypes";
import { CallerBindingForm } from "@/app/(console)/helpdesk/verifications/[verificationId]/caller-binding-form";
import { LinkHandOver } from "@/app/(console)/helpdesk/verifications/[verificationId]/link-hand-over";
import { CancelVerificationButton } from "@/app/(console)/helpdesk/verifications/[verificationId]/cancel-verification-button";
import { CredentialResetsCard } from "@/app/(console)/helpdesk/verifications/[verificationId]/credential-resets-card";
import { AssuranceCard } from "@/app/(console)/helpdesk/verifications/[verificationId]/assurance-card";
import { DecisionTable } from "@/app/(console)/helpdesk/verifications/[verificationId]/decision-table";
import { RefreshWhileOpen } from "@/components/refresh-while-open";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";
import type { VerificationAct } from "@/lib/auth/permissions";
import type { VerificationStatus } from "@/lib/db/generated/enums";
import { getResetOverview } from "@/lib/credential-reset/get-reset-overview";
import { BINDING_CODE_LIFETIME_MINUTES } from "@/lib/verification/requests/caller-binding";
import { getVerificationDetail } from "@/lib/verification/requests/get-verification-detail";
import { mayActOnVerification } from "@/lib/verification/requests/verification-access";
import { isFinalStatus, PURPOSE_LABELS, STATUS_LABELS } from "@/lib/verification/requests/verification-labels";

export const metadata: Metadata = { title: "Verification" };

/** "DRIVER_LICENSE" -> "Driver license". */
function documentLabel(type: string | null, kind: string | null): string {
  if (kind === "MDOC") return `Signed mobile ID (${walletDoctypeOf(type ?? "")?.label ?? type ?? "mdoc"})`;
  if (!type) return "Document";
  const words = type.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const STATUS_TONES: Record<VerificationStatus, BadgeTone> = { PENDING: "neutral", OPENED: "brand", IN_PROGRESS: "brand", VERIFIED: "success", FAILED: "danger", EXPIRED: "warning", CANCELLED: "neutral" };

export default async function VerificationPage({ params }: { params: Promise<{ verificationId: string }> }) {
  const user = await requirePagePermission("helpdesk:verify");
  const id = z.uuid().safeParse((await params).verificationId);
  if (!id.success) notFound();
  const verification = await getVerificationDetail(id.data);
  if (!verification) notFound();
  const name = [verification.employee.firstName, verification.employee.lastName].filter(Boolean).join(" ") || verification.employee.login;
  const final = isFinalStatus(verification.status);
  // What this user may do here (the server actions check the same rule again): see VERIFICATION_ACTS.
  const may = (act: VerificationAct) => mayActOnVerification(user, verification, act);
  const initiator = verification.initiatedBy?.name ?? null;
  const requestedBy = verification.initiatedBy?.name ?? (verification.initiatedByApiKey ? `API key “${verification.initiatedByApiKey.name}”` : "self-service");
  const ticket = verification.externalTicketRef ? ` · ticket ${verification.externalTicketRef}` : "";
  const resets = verification.status === "VERIFIED" ? await getResetOverview(verification.id) : null;
  const timeline: [string, Date | null][] = [
    [verification.linkChannel ? "Link sent" : "Link created", verification.createdAt],
    ["Link opened", verification.openedAt],
    ["Started", verification.startedAt],
    ["Code confirmed", verification.codeVerifiedAt],
    ["Decided", verification.decidedAt],
    ["Cancelled", verification.cancelledAt],
  ];
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/directory/${verification.employee.id}`} className="font-medium text-brand-700 hover:underline">← {name}</Link>
      </p>
      <PageHeader
        title={`Verification of ${name}`}
        description={`${PURPOSE_LABELS[verification.purpose]} · requested by ${requestedBy}${ticket} · policy version ${verification.policy.version}`}
        actions={
          <span className="flex items-center gap-2">
            <span data-testid="verification-status"><Badge tone={STATUS_TONES[verification.status]}>{STATUS_LABELS[verification.status]}</Badge></span>
            {!final && may("cancel") ? <CancelVerificationButton id={verification.id} /> : null}
          </span>
        }
      />
      {!final ? <RefreshWhileOpen /> : null}
      <div className="space-y-6">
        {verification.linkLive && may("view_link") ? <LinkHandOver id={verification.id} channel={verification.linkChannel} /> : null}
        {verification.linkLive && !may("view_link") ? (
          <p className="text-sm text-slate-600" data-testid="link-held-by">
            {initiator
              ? `The link is for ${initiator} to hand over; only they can see it or send it again.`
              : verification.initiatedByApiKey
                ? `This verification was started through the API (key “${verification.initiatedByApiKey.name}”); the link went out from there.`
                : "The employee started this verification themselves; there is no link to hand over."}
          </p>
        ) : null}
        {verification.status === "VERIFIED" ? <Alert tone="success" title="Identity verified">Every required check passed and every required claim matched the directory.</Alert> : null}
        {verification.status === "VERIFIED" && verification.initiatorType === "CONSOLE_USER" ? (
          <Card title="Is the caller the person who verified?" description="The employee's screen now shows a short code. Ask the caller to read it to you: it proves the person on the phone is the one who just verified.">
            {verification.bindingConfirmedAt ? (
              <p className="text-sm font-medium text-emerald-700" data-testid="caller-binding">Caller confirmed at {when.format(verification.bindingConfirmedAt)} UTC.</p>
            ) : verification.bindingPending && !may("confirm_binding") ? (
              <p className="text-sm text-slate-600" data-testid="caller-binding">Waiting for {initiator ?? "the agent who started it"} to confirm the caller; only they took the call.</p>
            ) : verification.bindingPending ? (
              <CallerBindingForm id={verification.id} />
            ) : (
              <p className="text-sm font-medium text-red-700" data-testid="caller-binding">
                Not confirmed: {verification.bindingExpired ? `the code expired (it lasts ${BINDING_CODE_LIFETIME_MINUTES} minutes)` : "too many wrong codes"}. Do not act on this verification; send a new one.
              </p>
            )}
          </Card>
        ) : null}
        {resets ? <CredentialResetsCard requestId={verification.id} overview={resets} callerBound={Boolean(verification.bindingConfirmedAt)} consoleInitiated={verification.initiatorType === "CONSOLE_USER"} mayStart={may("start_reset")} /> : null}
        {verification.status === "FAILED" ? (
          <Alert tone="error" title="Verification failed">
            <ul className="list-disc pl-5">
              {(verification.decision?.reasons ?? [verification.failureReason ?? "Unknown reason"]).map((reason) => <li key={reason}>{reason}</li>)}
            </ul>
          </Alert>
        ) : null}
        {verification.decision?.assurance ? <AssuranceCard assurance={verification.decision.assurance} face={verification.decision.face ?? null} /> : null}
        {verification.decision ? <DecisionTable decision={verification.decision} /> : null}
        <Card title="Timeline">
          <ol className="grid gap-3 sm:grid-cols-3">
            {timeline.filter(([, at]) => at).map(([label, at]) => (
              <li key={label}>
                <p className="text-xs text-slate-500">{label}</p>
                <p className="text-sm text-slate-900">{when.format(at as Date)} UTC</p>
              </li>
            ))}
            <li>
              <p className="text-xs text-slate-500">{final ? "Link was valid until" : "Link expires"}</p>
              <p className="text-sm text-slate-900">{when.format(verification.expiresAt)} UTC</p>
            </li>
            <li>
              <p className="text-xs text-slate-500">Wrong codes / unreadable documents</p>
              <p className="text-sm text-slate-900">{verification.codeFailedAttempts} / {verification.documentAttempts} (limit {verification.policy.maxAttempts})</p>
            </li>
          </ol>
        </Card>
        {verification.evidence.length > 0 ? (
          <Card title="Documents presented" description="Images are kept sealed only as long as the retention policy allows; their hashes stay as evidence.">
            <ul className="divide-y divide-slate-100 text-sm">
              {verification.evidence.map((item) => (
                <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    {item.readable ? `${documentLabel(item.documentType ?? item.documentKind, item.documentKind)} · ${item.issuingCountry ?? "?"}` : `Unreadable: ${readFailureLabel(item.failureHint)}`}
                    {verification.decision?.document?.expiryDate && item.readable ? ` · valid until ${verification.decision.document.expiryDate}` : ""}
                    {item.expired ? " · expired" : ""}
                    {item.readable && item.consistent === false ? " · failed integrity checks" : ""}
                  </span>
                  <span className="font-mono text-xs text-slate-500" title={item.documentKind === "MDOC" ? "SHA-256 of the wallet's signed response; only its portrait was kept, until the decision" : "SHA-256 of the uploaded image"}>
                    {item.imageSha256.slice(0, 16)}… · {item.imageDeletedAt ? "image deleted" : item.imageDeleteAfter ? `image kept until ${when.format(item.imageDeleteAfter)}` : "image kept until the decision"}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
