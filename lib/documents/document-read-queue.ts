import { BoundedWorkQueue } from "./bounded-work-queue";

/**
 * Decoding and reading an upload (sharp, the barcode reader, the OCR-B reader) on this machine: two at a time
 * (one per core), six more waiting (well under 20 s at ≤ 2 s each); beyond that uploads are refused with a
 * retry hint instead of piling up decoded images in memory.
 */
export const documentReadQueue = new BoundedWorkQueue({ name: "document readers", concurrency: 2, maxWaiting: 6, secondsPerTask: 3 });
