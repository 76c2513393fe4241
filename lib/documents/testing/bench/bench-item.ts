import type { Expectation } from "../score-reading";

export type DocumentClass = "TD1" | "TD2" | "TD3" | "AAMVA";

/** One labelled document of a bench set: the photo and what a correct reader makes of it. */
export interface BenchItem {
  id: string;
  documentClass: DocumentClass;
  /** How the photo was taken: "clean", "tilt ±10°", "glare", "forged check digit"... one table row each. */
  variant: string;
  image: Buffer;
  expected: Expectation;
  /** Licence backs: the barcode text, so the parser can be scored without the image pipeline. */
  barcodeText?: string;
  aamvaVersion?: number;
}

export type BenchSetSize = "small" | "full";
