"use client";

import { addTrustedIssuersAction } from "@/app/(console)/settings/trusted-issuers/actions";
import { formatFingerprint } from "@/app/(console)/settings/trusted-issuers/format-fingerprint";
import { type UploadMessage, UploadFileForm } from "@/app/(console)/settings/trusted-issuers/upload-file-form";
import type { AddTrustedIssuersResult } from "@/lib/wallet/trust/add-trusted-issuers";
import { CERTIFICATE_FILE_EXTENSIONS, MAX_CERTIFICATE_UPLOAD_BYTES } from "@/lib/wallet/trust/trusted-issuer-schemas";

const names = (items: { commonName: string }[]) => items.map((item) => item.commonName).join(", ");

function describeAdded({ added, duplicates }: AddTrustedIssuersResult): UploadMessage {
  const expired = added.filter((certificate) => certificate.expired);
  const body = (
    <div className="space-y-1">
      {added.map((certificate) => (
        <div key={certificate.fingerprint}>
          <p>{certificate.commonName}</p>
          <p className="font-mono text-xs">SHA-256 {formatFingerprint(certificate.fingerprint)}</p>
        </div>
      ))}
      {duplicates.length > 0 ? <p>Already on the list, left as they are: {names(duplicates)}.</p> : null}
      {expired.length > 0 ? <p>{names(expired)} has expired: it is listed, but wallet IDs are never accepted under an expired root.</p> : null}
    </div>
  );
  if (added.length === 0) return { tone: "info", title: "Nothing added: already on the trust list", body };
  const title = added.length === 1 ? `Added ${added[0]?.commonName}` : `Added ${added.length} certificates`;
  return { tone: expired.length > 0 ? "warning" : "success", title, body };
}

/** Upload of one PEM (one or more certificates) or DER file of IACA roots. */
export function AddCertificateForm() {
  return (
    <UploadFileForm
      label="IACA root certificate"
      hint="PEM (one or more certificates) or DER, up to 256 KB, as the issuing authority publishes it."
      accept={CERTIFICATE_FILE_EXTENSIONS.join(",")}
      maxBytes={MAX_CERTIFICATE_UPLOAD_BYTES}
      submitLabel="Add certificate"
      pendingLabel="Adding…"
      testId="add-certificate-form"
      action={addTrustedIssuersAction}
      describe={describeAdded}
    />
  );
}
