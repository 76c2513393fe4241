import type { MultipartLimits } from "@/lib/http/read-multipart-file";
import { MAX_FRAME_BYTES } from "@/lib/verification/face/inspect-face-frame";

/** One selfie frame (a ≤640 px JPEG is ~30-120 KB) and two small fields: the nonce and the frame's index. */
export const FACE_FRAME_LIMITS: MultipartLimits = {
  fileField: "frame",
  maxFileBytes: MAX_FRAME_BYTES,
  maxParts: 3,
  maxFieldBytes: 128,
  maxHeaderBytes: 1024,
  overheadBytes: 4 * 1024,
};
