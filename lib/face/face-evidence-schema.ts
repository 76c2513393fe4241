import { z } from "zod";
import type { FaceEvidence } from "@/lib/face/face-analysis";

/** FaceEvidence read back from JSON (a face attempt's outcome, a stored decision): one schema for every reader. */
export const faceEvidenceSchema: z.ZodType<FaceEvidence> = z.object({
  portraitSource: z.enum(["PASSPORT_PHOTO_PAGE", "ID_CARD_FRONT", "LICENCE_FRONT", "MDOC_PORTRAIT"]),
  similarity: z.number(),
  threshold: z.number(),
  antispoofScore: z.number(),
  livenessScore: z.number(),
  challengePassed: z.boolean(),
  passed: z.boolean(),
  reasons: z.array(z.string()),
});
