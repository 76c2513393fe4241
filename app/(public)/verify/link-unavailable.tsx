import type { LinkUnavailableReason } from "@/lib/verification/requests/inspect-verification-link";

const MESSAGES: Record<LinkUnavailableReason | "SESSION_ENDED", { title: string; body: string }> = {
  NOT_FOUND: { title: "This link is not valid", body: "Check that you opened the whole link from the e-mail. If it still does not work, ask your IT service desk for a new one." },
  EXPIRED: { title: "This link has expired", body: "Verification links only work for a limited time. Ask your IT service desk for a new one." },
  USED: { title: "This link has already been used", body: "Each link works once. If you did not use it yourself, tell your IT service desk right away." },
  CANCELLED: { title: "This verification was cancelled", body: "A newer link may have been sent to you, or the request was withdrawn. Ask your IT service desk if you are unsure." },
  SESSION_ENDED: { title: "This verification session has ended", body: "Open the link from your e-mail again, or ask your IT service desk for a new one." },
};

/** A calm, specific page for a link or session that cannot be used: never an error trace. */
export function LinkUnavailable({ reason }: { reason: LinkUnavailableReason | "SESSION_ENDED" }) {
  const message = MESSAGES[reason];
  return (
    <section aria-labelledby="unavailable-heading" className="space-y-3">
      <h1 id="unavailable-heading" className="text-2xl font-semibold text-slate-900">
        {message.title}
      </h1>
      <p className="text-sm text-slate-600">{message.body}</p>
    </section>
  );
}
