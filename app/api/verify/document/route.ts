import { handleEvidenceUpload } from "@/app/api/verify/handle-evidence-upload";
import { submitIdentityDocument } from "@/lib/verification/requests/submit-identity-document";

/** Upload of the ID document photo (the side that is read: barcode or MRZ). */
export async function POST(request: Request): Promise<Response> {
  return handleEvidenceUpload(request, {
    limit: { name: "verify:document:ip", limit: 30, windowSeconds: 900 },
    step: "DOCUMENT",
    wrongStep: "This verification is not waiting for a document photo. Reload the page.",
    submit: submitIdentityDocument,
  });
}
