import { createHash, X509Certificate } from "node:crypto";
import { AppError } from "@/lib/errors";
import { nameField } from "@/lib/wallet/mdoc/mdoc-context";
import { MAX_CERTIFICATE_UPLOAD_BYTES } from "@/lib/wallet/trust/trusted-issuer-schemas";

export const MAX_CERTIFICATES_PER_FILE = 50;

/** Only these keys sign mdoc issuer chains (ISO/IEC 18013-5 Annex B allows ECDSA and RSA roots). */
const ACCEPTED_KEY_TYPES = new Set(["ec", "rsa"]);

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \1-----/g;
const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/g;
const BASE64_BODY = /^[A-Za-z0-9+/=\s]+$/;

/** An IACA root as the trust list stores it. `expired` is a warning: an expired root may be listed, it anchors nothing. */
export type IacaCertificate = {
  /** SHA-256 of the DER, lower-case hex. */
  fingerprint: string;
  der: Uint8Array;
  /** The subject's attributes as node prints them, joined with ", " (C=US, ST=UT, CN=…). */
  subject: string;
  commonName: string;
  country: string | null;
  stateOrProvince: string | null;
  notBefore: Date;
  notAfter: Date;
  expired: boolean;
};

/** The name a person recognises a certificate by: its CN, or its whole subject when it has none. */
export function certificateLabel(certificate: X509Certificate): string {
  return nameField(certificate.subject, "CN")[0] ?? certificate.subject.replaceAll("\n", ", ");
}

function selfSigned(certificate: X509Certificate): boolean {
  try {
    return certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);
  } catch {
    // A signature algorithm node cannot check is not one a wallet's verifier could check either.
    return false;
  }
}

/** Why a certificate cannot be an IACA root, and what to do instead (said to whoever uploaded it). */
export type IacaProblem = { reason: string; advice: string };

/**
 * Why this certificate cannot be an IACA root, or null when it can: a CA (basicConstraints cA), self-signed, with an
 * EC or RSA key. Expiry is not a reason: the list shows an expired root as such.
 */
export function iacaProblem(certificate: X509Certificate): IacaProblem | null {
  if (!certificate.ca) return { reason: "is not a CA certificate.", advice: "Add the issuing authority's root (IACA), not a document signer or a website certificate." };
  if (!selfSigned(certificate)) return { reason: "is not self-signed: it is an intermediate, not a root.", advice: "Add the IACA root that issued it." };
  const keyType = certificate.publicKey.asymmetricKeyType ?? "unknown";
  if (!ACCEPTED_KEY_TYPES.has(keyType)) return { reason: `has a ${keyType.toUpperCase()} key; an IACA root has an EC or RSA key.`, advice: "Add the authority's EC or RSA root." };
  return null;
}

/** The trust list's view of a certificate already known to be an IACA. */
export function describeIacaCertificate(certificate: X509Certificate, now: Date): IacaCertificate {
  const der = new Uint8Array(certificate.raw);
  const notAfter = new Date(certificate.validTo);
  return {
    fingerprint: createHash("sha256").update(der).digest("hex"),
    der,
    subject: certificate.subject.replaceAll("\n", ", "),
    commonName: certificateLabel(certificate),
    country: nameField(certificate.subject, "C")[0] ?? null,
    stateOrProvince: nameField(certificate.subject, "ST")[0] ?? null,
    notBefore: new Date(certificate.validFrom),
    notAfter,
    expired: notAfter.getTime() < now.getTime(),
  };
}

/** Parses one DER certificate, or null when these bytes are not exactly one certificate (nothing before or after it). */
export function readDerCertificate(der: Uint8Array): X509Certificate | null {
  try {
    const certificate = new X509Certificate(Buffer.from(der));
    return Buffer.from(certificate.raw).equals(Buffer.from(der)) ? certificate : null;
  } catch {
    return null;
  }
}

function refuse(message: string): never {
  throw new AppError("invalid_input", message, { file: [message] });
}

/** The DER of each PEM certificate block, refusing private keys and blocks that are not certificates. */
function pemCertificates(text: string): Uint8Array[] {
  const labels = [...text.matchAll(PEM_BEGIN)].map((match) => match[1]);
  if (labels.some((label) => label?.includes("PRIVATE KEY"))) {
    refuse("This file contains a private key. Upload only the certificate: a trust list never needs a key, and a key that left its owner should be replaced.");
  }
  const other = labels.find((label) => label !== "CERTIFICATE");
  if (other) refuse(`This file contains a “${other}” block. Upload certificates only (“BEGIN CERTIFICATE”).`);
  if (labels.length > MAX_CERTIFICATES_PER_FILE) refuse(`This file holds ${labels.length} certificates; upload at most ${MAX_CERTIFICATES_PER_FILE} at a time.`);
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.length !== labels.length || blocks.some((block) => !BASE64_BODY.test(block[2] ?? ""))) {
    refuse("A certificate block in this file is damaged (its BEGIN and END lines do not match, or it holds something other than base64).");
  }
  return blocks.map((block) => new Uint8Array(Buffer.from((block[2] ?? "").replaceAll(/\s/g, ""), "base64")));
}

/**
 * Reads an upload meant for the trust list: PEM (one or more "BEGIN CERTIFICATE" blocks) or a single DER
 * certificate. Every certificate must be an IACA root (see `iacaProblem`); the first one that is not refuses the
 * whole file, so nothing is added half-way. A certificate repeated within the file counts once.
 */
export function parseIacaCertificates(bytes: Uint8Array, now: Date = new Date()): IacaCertificate[] {
  if (bytes.byteLength === 0) refuse("The file is empty.");
  if (bytes.byteLength > MAX_CERTIFICATE_UPLOAD_BYTES) refuse(`The file is larger than ${MAX_CERTIFICATE_UPLOAD_BYTES / 1024} KB; a certificate file is a few KB.`);
  const text = Buffer.from(bytes).toString("latin1");
  const ders = text.includes("-----BEGIN ") ? pemCertificates(text) : [bytes];
  if (ders.length === 0) refuse("No certificate found in this file.");

  const parsed = new Map<string, IacaCertificate>();
  ders.forEach((der, index) => {
    const position = ders.length > 1 ? `Certificate ${index + 1} of ${ders.length}` : "This certificate";
    const certificate = readDerCertificate(der);
    if (!certificate) {
      refuse(ders.length > 1 ? `${position} cannot be read as an X.509 certificate.` : "This file is not a certificate. Upload a PEM (“BEGIN CERTIFICATE”) or DER file.");
    }
    const problem = iacaProblem(certificate);
    if (problem) refuse(`${position} (“${certificateLabel(certificate)}”) ${problem.reason} ${problem.advice}${ders.length > 1 ? " Nothing was added." : ""}`);
    const described = describeIacaCertificate(certificate, now);
    parsed.set(described.fingerprint, described);
  });
  return [...parsed.values()];
}
