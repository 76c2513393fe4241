import { getFaceEngine } from "@/lib/face/face-engine";

/** The smallest portrait, in pixels across, the descriptor is worth anything at (the engine's own floor is ~64). */
const MIN_PORTRAIT_PIXELS = 64;

/**
 * Whether an accepted MRZ document photo shows a face to compare the live selfie with: checked at the upload, so
 * a photo cropped to the MRZ lines, or an ID card's MRZ side (its portrait is on the front), is refused at once
 * with what to photograph instead, rather than after three selfies that cannot match anything.
 */
export async function documentShowsPortrait(image: Uint8Array): Promise<boolean> {
  const analysis = await (await getFaceEngine()).analyze(Buffer.from(image));
  return analysis.faces.some((face) => face.complete && face.box.width * analysis.width >= MIN_PORTRAIT_PIXELS);
}
