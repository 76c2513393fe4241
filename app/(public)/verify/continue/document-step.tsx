"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { MAX_IMAGE_BYTES } from "@/lib/documents/image-limits";
import { ACCEPTED_IMAGE_TYPES } from "@/lib/documents/sniff-image-format";

// The formats the server reads (sniffed from the bytes there). HEIC is listed because the server decodes it:
// an iPhone then uploads its original photo instead of converting it to JPEG first.
const ACCEPT = ACCEPTED_IMAGE_TYPES.join(",");

type DocumentStepProps = {
  attemptsLeft: number;
  previousProblem: string | null;
  /** A live face is compared with the document's portrait next. */
  portraitNeeded?: boolean;
  /** The side with the portrait of the card just read (a licence, an ID card), photographed after its back. */
  front?: "LICENCE" | "ID_CARD";
};

/** What each side's screen asks for: the read side first, then (for cards) the front with the portrait. */
function Guidance({ portraitNeeded, front }: Pick<DocumentStepProps, "portraitNeeded" | "front">) {
  if (front) {
    return (
      <>
        <p className="text-sm text-slate-700">
          Now the other side of the same {front === "LICENCE" ? "licence" : "card"}: the <strong>front, with your photo</strong>. The live selfie that follows is compared with
          that photo.
        </p>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
          <li>Your photo, name, date of birth and {front === "LICENCE" ? "licence" : "document"} number must all be readable.</li>
          <li>Lay it flat in good light, avoid glare on the photo and the printed details, and keep all four corners in the picture.</li>
        </ul>
      </>
    );
  }
  return (
    <>
      {portraitNeeded ? (
        <p className="text-sm text-slate-700">
          Next, a live selfie is compared with the photo on your document. A passport photo page shows both in one picture; for a licence or ID card you photograph the back
          first, then the front with your photo.
        </p>
      ) : null}
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
        <li>Driver&apos;s licence or ID card: the <strong>back</strong>, with the barcode or the lines of &lt;&lt;&lt; in view.</li>
        <li>Passport: the photo page, including the two lines of letters and &lt;&lt;&lt; at the bottom.</li>
        <li>Lay it flat in good light, avoid glare, and keep all four corners in the picture.</li>
      </ul>
    </>
  );
}

/**
 * Photo or upload of the document (or, for a card, of its front). On phones `capture="environment"` opens the
 * rear camera; desktop users pick a file. The image goes straight to the server, which reads it: nothing is
 * processed in the browser.
 */
export function DocumentStep({ attemptsLeft, previousProblem, portraitNeeded = false, front }: DocumentStepProps) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(previousProblem);
  const [uploading, setUploading] = useState(false);

  async function upload(file: File) {
    // The server refuses it too (413, reading no further); checked here so the photo is not sent for nothing.
    if (file.size > MAX_IMAGE_BYTES) {
      setError("That file is larger than 12 MB. Take a new photo or choose a smaller file.");
      if (input.current) input.current.value = "";
      return;
    }
    setUploading(true);
    setError(null);
    const body = new FormData();
    body.set("document", file);
    try {
      const response = await fetch(front ? "/api/verify/document/front" : "/api/verify/document", { method: "POST", body });
      const result = (await response.json()) as { ok: boolean; error?: string };
      if (!result.ok) setError(result.error ?? "We could not read that image. Try again.");
      router.refresh();
    } catch {
      setError("The upload did not go through. Check your connection and try again.");
    } finally {
      setUploading(false);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <div className="space-y-4">
      <h1 id="step-heading" className="text-xl font-semibold text-slate-900">
        {front ? `Photograph the front of your ${front === "LICENCE" ? "licence" : "ID card"}` : "Photograph your ID document"}
      </h1>
      <Guidance portraitNeeded={portraitNeeded} front={front} />
      {error ? <Alert tone="error" title="Please try again">{error}</Alert> : null}
      <input
        ref={input}
        id="document"
        name="document"
        type="file"
        accept={ACCEPT}
        capture="environment"
        className="sr-only"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void upload(file);
        }}
      />
      <Button className="w-full py-3 text-base" disabled={uploading} onClick={() => input.current?.click()}>
        {uploading ? (front ? "Checking the front…" : "Reading your document…") : "Take photo or choose file"}
      </Button>
      <label htmlFor="document" className="sr-only">{front ? "Photo of the card's front" : "ID document photo"}</label>
      <p className="text-center text-xs text-slate-500" aria-live="polite">
        {uploading ? "This can take a few seconds." : `${attemptsLeft} ${attemptsLeft === 1 ? "attempt" : "attempts"} left.`} Your photo is used only to check your identity{" "}
        and is deleted according to your employer&apos;s policy.
      </p>
    </div>
  );
}
