import QRCode from "qrcode";
import { CopyLinkButton } from "@/app/(console)/helpdesk/verifications/[verificationId]/copy-link-button";
import { ResendLinkButton } from "@/app/(console)/helpdesk/verifications/[verificationId]/resend-link-button";
import { Card } from "@/components/ui/card";

/**
 * The unused link, for an employee standing at the desk (scan the QR code) or on the phone (read or paste the URL).
 * Shown only while the link can still be started.
 */
export async function LinkHandOver({ id, link, channel }: { id: string; link: string; channel: "EMAIL" | "SMS" | null }) {
  const svg = await QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return (
    <Card
      title="Verification link"
      description={channel ? `Sent by ${channel === "SMS" ? "text message" : "e-mail"}. You can also let the employee scan it here.` : "Not sent: let the employee scan the code with their phone, or give them the address."}
    >
      <div className="flex flex-col gap-5 sm:flex-row sm:items-center">
        <div className="h-40 w-40 shrink-0 rounded-md bg-white p-1 ring-1 ring-slate-200" role="img" aria-label="QR code of the verification link" dangerouslySetInnerHTML={{ __html: svg }} />
        <div className="min-w-0 space-y-3">
          <p className="break-all font-mono text-xs text-slate-700" data-testid="verification-link">{link}</p>
          <div className="flex flex-wrap gap-2">
            <CopyLinkButton link={link} />
            {channel ? <ResendLinkButton id={id} channel={channel} /> : null}
          </div>
          <p className="text-xs text-slate-500">The link works once. Anyone holding it can start the verification, but still needs the code and the document.</p>
        </div>
      </div>
    </Card>
  );
}
