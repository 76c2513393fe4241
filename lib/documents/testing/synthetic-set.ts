import type { BenchItem, BenchSetSize } from "./bench/bench-item";
import { licenceItems } from "./bench/synthetic-aamva";
import { mrzVariants, renderMrzSet } from "./bench/synthetic-mrz";
import { syntheticPeople } from "./bench/synthetic-people";
import { withChromiumPage } from "./with-chromium-page";

export type { BenchItem, BenchSetSize, DocumentClass } from "./bench/bench-item";

export interface SyntheticSetOptions {
  /**
   * "small": 3 people per MRZ format in every variant, each licence tilt once (~2 min of reads);
   * "full": all 30 people in every other variant, each licence tilt twice (~4 min).
   */
  size?: BenchSetSize;
  /** The same seed gives byte-for-byte the same labels and the same photos' content. */
  seed?: number;
}

/**
 * The labelled synthetic bench set: MRZ documents (TD1, TD2, TD3) in OCR-B for ~30 people, each clean, tilted
 * ±5/±10/±15°, in perspective, blurred, with glare, in low light and as a phone JPEG; forgeries (a wrong check
 * digit, an edited number character) that must be refused or flagged; and licence backs for every AAMVA version
 * 1–10, US and Canada, clean, tilted -15°…15° and in perspective.
 *
 * Documents are rendered first on one Chromium page, then the degraded photos are made one at a time as the
 * caller iterates, so a bench's memory figure is the reader's, not the set's.
 */
export async function* generateSyntheticSet(options: SyntheticSetOptions = {}): AsyncGenerator<BenchItem> {
  const size = options.size ?? "small";
  const seed = options.seed ?? 13;
  const people = syntheticPeople(seed);
  const rendered = await withChromiumPage((page) => renderMrzSet(page, people, size, seed));
  for (const [index, person] of rendered.people.entries()) yield* mrzVariants(person, size, index);
  yield* rendered.forgeries;
  yield* licenceItems(people, size, seed);
}
