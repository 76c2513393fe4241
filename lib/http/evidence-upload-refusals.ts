import { ImageRefusedError, TOO_MANY_PIXELS, WorkQueueFullError } from "@/lib/documents";
import { AppError, HTTP_STATUS_BY_CODE } from "@/lib/errors";
import { MultipartError } from "@/lib/http/read-multipart-file";

/** A JSON refusal the employee's page shows as is. */
export function refuseUpload(status: number, error: string, headers: Record<string, string> = {}): Response {
  return Response.json({ ok: false, error }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** An upload refused before its body was read: the body is dropped, not pulled in. */
export function refuseUnreadUpload(request: Request, status: number, error: string): Response {
  request.body?.cancel().catch(() => undefined);
  return refuseUpload(status, error);
}

const CHOOSE_A_PHOTO = "Choose a photo of your document.";
const MULTIPART_REFUSAL: Record<MultipartError["reason"], [status: number, message: string]> = {
  too_large: [413, "That file is larger than 12 MB. Take a new photo or choose a smaller file."],
  not_multipart: [415, CHOOSE_A_PHOTO],
  malformed: [400, CHOOSE_A_PHOTO],
  no_file: [400, CHOOSE_A_PHOTO],
  too_many_files: [400, "Upload one photo at a time."],
  too_many_parts: [400, CHOOSE_A_PHOTO],
  field_too_large: [400, CHOOSE_A_PHOTO],
};

/** The one mapping of a document photo upload's typed errors to HTTP (the read side and a card's front alike). */
export function evidenceUploadRefusal(error: unknown): Response | null {
  if (error instanceof MultipartError) return refuseUpload(...MULTIPART_REFUSAL[error.reason]);
  if (error instanceof ImageRefusedError && error.reason === "too_many_pixels") return refuseUpload(422, TOO_MANY_PIXELS);
  // The format is sniffed from the bytes: a declared image/jpeg that is an SVG is refused here.
  if (error instanceof ImageRefusedError) return refuseUpload(415, "This file isn't a photo we can open. Upload a JPEG, PNG, WebP or HEIC photo of your document.");
  if (error instanceof WorkQueueFullError) {
    return refuseUpload(503, "Many documents are being read right now. Try again in a moment.", { "Retry-After": String(error.retryAfterSeconds) });
  }
  if (error instanceof AppError) return refuseUpload(HTTP_STATUS_BY_CODE[error.code], error.message);
  return null;
}
