"use client";

import { useEffect, useRef, useState } from "react";
import { CopyLinkButton } from "@/app/(console)/helpdesk/verifications/[verificationId]/copy-link-button";
import { ResendLinkButton } from "@/app/(console)/helpdesk/verifications/[verificationId]/resend-link-button";
import { showVerificationLinkAction } from "@/app/(console)/helpdesk/actions";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";

type Shown = { link: string; svg: string } | null;

/**
 * The unused link, for an employee standing at the desk (scan the QR code) or on the phone (read or paste the URL).
 * Rendered only for the agent who started the verification, while the link can still be started. The link is
 * fetched once per display through an audited action and kept in this component's state, so the page's live
 * refresh (router.refresh keeps client state) does not open and audit it again every few seconds.
 */
export function LinkHandOver({ id, channel }: { id: string; channel: "EMAIL" | "SMS" | null }) {
  const [shown, setShown] = useState<Shown | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  // React's development double effect must not count as a second display.
  const requested = useRef(false);
  useEffect(() => {
    if (requested.current) return;
    requested.current = true;
    void showVerificationLinkAction({ id }).then((result) => {
      if (result.ok) setShown(result.data);
      else setError(result.error);
    }, () => setError("The link could not be loaded. Reload the page."));
  }, [id]);
  return (
    <Card
      title="Verification link"
      description={channel ? `Sent by ${channel === "SMS" ? "text message" : "e-mail"}. You can also let the employee scan it here.` : "Not sent: let the employee scan the code with their phone, or give them the address."}
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      {shown === null ? <p className="text-sm text-slate-600">This link can no longer be started.</p> : null}
      {shown === undefined && !error ? <p className="text-sm text-slate-500">Loading the link…</p> : null}
      {shown ? (
        <div className="flex flex-col gap-5 sm:flex-row sm:items-center">
          <div className="h-40 w-40 shrink-0 rounded-md bg-white p-1 ring-1 ring-slate-200" role="img" aria-label="QR code of the verification link" dangerouslySetInnerHTML={{ __html: shown.svg }} />
          <div className="min-w-0 space-y-3">
            <p className="break-all font-mono text-xs text-slate-700" data-testid="verification-link">{shown.link}</p>
            <div className="flex flex-wrap gap-2">
              <CopyLinkButton link={shown.link} />
              {channel ? <ResendLinkButton id={id} channel={channel} /> : null}
            </div>
            <p className="text-xs text-slate-500">The link works once. Anyone holding it can start the verification, but still needs the code and the document. Each display of this link is recorded in the audit log.</p>
          </div>
        </div>
      ) : null}
    </Card>
  );
}
