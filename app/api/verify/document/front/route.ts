import { handleEvidenceUpload } from "@/app/api/verify/handle-evidence-upload";
import { submitDocumentFront } from "@/lib/verification/requests/submit-document-front";

/** Upload of the front of the card read at the document step (the side with the portrait). */
export async function POST(request: Request): Promise<Response> {
  return handleEvidenceUpload(request, {
    limit: { name: "verify:document-front:ip", limit: 30, windowSeconds: 900 },
    step: "DOCUMENT_FRONT",
    wrongStep: "This verification is not waiting for the front of a card. Reload the page.",
    submit: submitDocumentFront,
  });
}
