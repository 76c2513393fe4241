/**
 * Every database column that holds a value sealed with lib/crypto/secret-box, and the context it was sealed
 * under (bound as additional data, so it must be given again to open it). A new sealed column belongs here,
 * or `npm run secrets:reencrypt` cannot retire the keys it uses.
 */
export type SealedColumn = {
  table: string;
  column: string;
  /** bytea holding the sealed text as UTF-8 (evidence images), rather than text. */
  bytes: boolean;
  context(id: string): string;
};

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: "iam_connection", column: "sealedCredentials", bytes: false, context: (id) => `iam-connection:${id}` },
  { table: "verification_request", column: "sealedLinkToken", bytes: false, context: (id) => `verification-link:${id}` },
  { table: "verification_request", column: "sealedSelfAsserted", bytes: false, context: (id) => `self-asserted:${id}` },
  { table: "verification_request", column: "sealedBindingCode", bytes: false, context: (id) => `caller-binding:${id}` },
  { table: "verification_evidence", column: "sealedImage", bytes: true, context: (id) => `evidence:${id}` },
  { table: "verification_evidence", column: "frontSealedImage", bytes: true, context: (id) => `evidence-front:${id}` },
  { table: "face_capture_frame", column: "sealedImage", bytes: true, context: (id) => `face-frame:${id}` },
  { table: "outbox_message", column: "sealedBody", bytes: false, context: (id) => `outbox:${id}` },
  { table: "credential_reset", column: "sealedSecret", bytes: false, context: (id) => `credential-reset:${id}` },
  { table: "idv_signing_key", column: "sealedPrivateJwk", bytes: false, context: (id) => `idv-signing-key:${id}` },
  { table: "webhook_endpoint", column: "sealedSecret", bytes: false, context: (id) => `webhook-endpoint:${id}` },
  { table: "webhook_endpoint", column: "previousSealedSecret", bytes: false, context: (id) => `webhook-endpoint:${id}` },
];
