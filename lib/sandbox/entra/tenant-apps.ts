import { createHash, type KeyObject, X509Certificate } from "node:crypto";
import type { Privilege } from "@/lib/sandbox/shared/generate-person";
import { DEFAULT_APP_PERMISSIONS, type GraphPermission } from "@/lib/sandbox/entra/entra-roles";
import { seededGuid, seededSecret } from "@/lib/sandbox/entra/entra-ids";

export type AppSecret = { keyId: string; value: string; expiresAt: Date };

export type AppCertificate = {
  /** base64url SHA-256 of the DER certificate: what a client assertion's `x5t#S256` header carries. */
  thumbprintSha256: string;
  /** base64url SHA-1 of the DER certificate: the legacy `x5t` header. */
  thumbprintSha1: string;
  publicKey: KeyObject;
  notAfter: Date;
};

/** An app registration plus its service principal in the sandbox tenant. */
export type AppRegistration = {
  clientId: string;
  displayName: string;
  secrets: AppSecret[];
  certificates: AppCertificate[];
  redirectUris: string[];
  /** The application permissions the registration asks for (its API permissions page). */
  requestedPermissions: GraphPermission[];
  /** What admin consent granted; null until an administrator consents. */
  grantedPermissions: GraphPermission[] | null;
  /** The directory role assigned to the service principal; decides which privileged users it may manage. */
  directoryRole: Privilege;
};

export const DEFAULT_REDIRECT_URIS = [
  "http://localhost:3000/api/iam/entra/consent/callback",
  "http://127.0.0.1:3000/api/iam/entra/consent/callback",
];

/** The registration an admin would create for verifyd: all the permissions it needs, one secret, Helpdesk role. */
export function createDefaultApp(seed: string): AppRegistration {
  return {
    clientId: seededGuid(seed, "app:verifyd"),
    displayName: "verifyd (sandbox)",
    secrets: [{ keyId: seededGuid(seed, "secret:default"), value: seededSecret(seed, "default"), expiresAt: new Date("2099-12-31T00:00:00Z") }],
    certificates: [],
    redirectUris: [...DEFAULT_REDIRECT_URIS],
    requestedPermissions: [...DEFAULT_APP_PERMISSIONS],
    grantedPermissions: null,
    directoryRole: "helpdesk_admin",
  };
}

/** Registers the public part of a PEM certificate, as uploading a .cer under "Certificates & secrets" does. */
export function parseAppCertificate(pem: string): AppCertificate {
  const certificate = new X509Certificate(pem);
  return {
    thumbprintSha256: createHash("sha256").update(certificate.raw).digest("base64url"),
    thumbprintSha1: createHash("sha1").update(certificate.raw).digest("base64url"),
    publicKey: certificate.publicKey,
    notAfter: new Date(certificate.validTo),
  };
}

/** The certificate a client assertion header points at, by `x5t#S256` or, failing that, legacy `x5t`. */
export function findAppCertificate(app: AppRegistration, header: { x5tS256?: string; x5t?: string }): AppCertificate | undefined {
  if (header.x5tS256) return app.certificates.find((certificate) => certificate.thumbprintSha256 === header.x5tS256);
  if (header.x5t) return app.certificates.find((certificate) => certificate.thumbprintSha1 === header.x5t);
  return undefined;
}
