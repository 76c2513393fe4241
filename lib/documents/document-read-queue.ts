import { BoundedWorkQueue } from "./bounded-work-queue";

/**
 * Decoding and reading an upload (sharp, the barcode reader, the one tesseract worker) on this machine: two at
 * a time (decode of one overlaps OCR of the other on two cores), six more waiting (about 20 s at ~3 s each);
 * beyond that uploads are refused with a retry hint instead of piling up memory behind the OCR worker.
 */
export const documentReadQueue = new BoundedWorkQueue({ name: "document readers", concurrency: 2, maxWaiting: 6, secondsPerTask: 3 });
