export { readIdentityDocument, MAX_IMAGE_BYTES } from "./read-identity-document";
export { terminateDocumentReaders } from "./ocr-mrz";
export type {
  DocumentCheck,
  DocumentKind,
  DocumentReadFailure,
  DocumentReadResult,
  ExtractedDocument,
  ReadIdentityDocumentOptions,
} from "./types";
