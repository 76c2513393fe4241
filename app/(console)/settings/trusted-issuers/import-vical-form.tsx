"use client";

import { importVicalAction } from "@/app/(console)/settings/trusted-issuers/actions";
import { formatFingerprint } from "@/app/(console)/settings/trusted-issuers/format-fingerprint";
import { type UploadMessage, UploadFileForm } from "@/app/(console)/settings/trusted-issuers/upload-file-form";
import type { VicalImportResult } from "@/lib/wallet/trust/import-vical";
import { MAX_VICAL_UPLOAD_BYTES } from "@/lib/wallet/trust/trusted-issuer-schemas";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function describeImport(result: VicalImportResult): UploadMessage {
  return {
    tone: "success",
    title: `Imported ${result.sourceLabel}`,
    body: (
      <div className="space-y-1" data-testid="vical-import-summary">
        <p>
          {plural(result.added.length, "root added", "roots added")}, {plural(result.duplicates.length, "already listed", "already listed")},{" "}
          {plural(result.skipped.length, "entry skipped", "entries skipped")}.
        </p>
        <div>
          <p>Signed by {result.signer.commonName}:</p>
          <p className="font-mono text-xs">SHA-256 {formatFingerprint(result.signer.fingerprint)}</p>
          <p className="text-xs">Compare it with the signer the list&apos;s provider publishes: anyone can sign a list, only the provider&apos;s signer makes it theirs.</p>
        </div>
        {result.skipped.length > 0 ? (
          <ul className="list-disc pl-5 text-xs">
            {result.skipped.map((entry, index) => (
              <li key={`${entry.label}-${index}`}>
                {entry.label} {entry.reason}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    ),
  };
}

/** Import of a signed VICAL: every IACA root it lists, after its signature verified. */
export function ImportVicalForm() {
  return (
    <UploadFileForm
      label="VICAL file"
      hint="The signed list (CBOR, COSE_Sign1) as its provider publishes it, up to 5 MB."
      maxBytes={MAX_VICAL_UPLOAD_BYTES}
      submitLabel="Import VICAL"
      pendingLabel="Importing…"
      testId="import-vical-form"
      action={importVicalAction}
      describe={describeImport}
    />
  );
}
