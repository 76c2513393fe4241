export { readIdentityDocument, MAX_IMAGE_BYTES, TOO_MANY_PIXELS } from "./read-identity-document";
export { inspectImage, ImageRefusedError, MAX_IMAGE_PIXELS, type ImageInspection } from "./inspect-image";
export { encodeEvidenceImage } from "./encode-evidence-image";
export { documentReadQueue } from "./document-read-queue";
export { WorkQueueFullError } from "./bounded-work-queue";
export { ACCEPTED_IMAGE_TYPES, type ImageFormat } from "./sniff-image-format";
export { terminateDocumentReaders } from "./terminate-document-readers";
export type {
  DocumentCheck,
  DocumentKind,
  DocumentReadFailure,
  DocumentReadResult,
  ExtractedDocument,
  ReadIdentityDocumentOptions,
} from "./types";
