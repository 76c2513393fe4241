import { createHash, verify as verifySignature, type X509Certificate } from "node:crypto";
import { cborDecode, Sign1 } from "@owf/mdoc";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { hasControlCharacters } from "@/lib/validation/control-characters";
import { certificateLabel, describeIacaCertificate, type IacaCertificate, iacaProblem, readDerCertificate } from "@/lib/wallet/trust/parse-iaca-certificates";

/** Far more than any published VICAL (AAMVA's lists a few dozen authorities); a bound on the work one file can ask. */
export const MAX_VICAL_CERTIFICATES = 1000;

/** COSE algorithm → the hash ECDSA signed with and the curve the signer's key must be on (node's curve names). */
const SIGNATURE_ALGORITHMS: Record<string, { hash: string; curve: string }> = {
  ES256: { hash: "sha256", curve: "prime256v1" },
  ES384: { hash: "sha384", curve: "secp384r1" },
  ES512: { hash: "sha512", curve: "secp521r1" },
};

export type VicalSigner = { subject: string; commonName: string; fingerprint: string };
export type SkippedVicalCertificate = { label: string; reason: string };

/** A VICAL whose signature verified, with the IACA roots it lists and the entries that are not IACAs. */
export type VerifiedVical = {
  provider: string;
  issueId: string | null;
  /** The list's date, YYYY-MM-DD (UTC), or as the list wrote it when it is not a date. */
  date: string;
  signer: VicalSigner;
  certificates: IacaCertificate[];
  skipped: SkippedVicalCertificate[];
  /** Entries the list holds (a certificate listed twice counts twice). */
  entries: number;
};

function refuse(message: string): never {
  throw new AppError("invalid_input", message, { file: [message] });
}

/** CBOR maps decode to Map; the schemas below read text keys only. */
function asRecord(value: unknown): unknown {
  return value instanceof Map ? Object.fromEntries([...value.entries()].filter(([key]) => typeof key === "string")) : value;
}

const text = (max: number) => z.string().trim().min(1).max(max).refine((value) => !hasControlCharacters(value), "holds control characters");

const vicalSchema = z.preprocess(
  asRecord,
  z.object({
    vicalProvider: text(200),
    date: z.union([z.date().refine((date) => !Number.isNaN(date.getTime()), "is not a valid date"), text(40)]),
    vicalIssueID: z.union([z.number().int().nonnegative(), z.bigint().nonnegative()]).optional(),
    certificateInfos: z.array(z.unknown()).max(MAX_VICAL_CERTIFICATES, `lists more than ${MAX_VICAL_CERTIFICATES} certificates`),
  }),
);

const certificateInfoSchema = z.preprocess(asRecord, z.object({ certificate: z.instanceof(Uint8Array) }));

function decodeSign1(bytes: Uint8Array): Sign1 {
  try {
    return Sign1.decode(bytes);
  } catch {
    return refuse("This file is not a VICAL: it is not a signed CBOR document (COSE_Sign1). Upload the .cbor file the list's provider publishes.");
  }
}

/** The x5chain's leaf, after checking that each certificate in it is issued by the next one. */
function signerOf(sign1: Sign1, now: Date): X509Certificate {
  const chain = (sign1.x5chain ?? []).map((der) => readDerCertificate(der));
  if (chain.length === 0) refuse("This VICAL is not signed with a certificate (its COSE header has no x5chain), so where it comes from cannot be checked.");
  const certificates = chain.filter((certificate) => certificate !== null);
  if (certificates.length !== chain.length) refuse("A certificate in this VICAL's signature header cannot be read.");
  certificates.slice(0, -1).forEach((certificate, index) => {
    const issuer = certificates[index + 1];
    if (issuer && !(certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey))) refuse("The certificates in this VICAL's signature header do not form a chain.");
  });
  const signer = certificates[0];
  if (!signer) return refuse("This VICAL is not signed with a certificate.");
  if (new Date(signer.validFrom) > now || new Date(signer.validTo) < now) {
    refuse(`The certificate that signed this VICAL (“${certificateLabel(signer)}”) is not valid now: it is valid from ${signer.validFrom} to ${signer.validTo}.`);
  }
  return signer;
}

/** Verifies the COSE_Sign1 signature over the payload with the signer certificate's key (ECDSA, IEEE P1363 r‖s). */
function verifySign1(sign1: Sign1, signer: X509Certificate): void {
  let algorithm: string;
  try {
    algorithm = sign1.signatureAlgorithmName;
  } catch {
    return refuse("This VICAL's signature names no algorithm, or one that is not known.");
  }
  const expected = SIGNATURE_ALGORITHMS[algorithm];
  if (!expected) refuse(`This VICAL is signed with ${algorithm}; only ES256, ES384 and ES512 are accepted.`);
  const key = signer.publicKey;
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== expected.curve) refuse(`This VICAL's signer certificate does not hold the EC key an ${algorithm} signature needs.`);
  let valid = false;
  try {
    valid = verifySignature(expected.hash, sign1.toBeSigned, { key, dsaEncoding: "ieee-p1363" }, sign1.signature);
  } catch {
    valid = false;
  }
  if (!valid) refuse("This VICAL's signature does not verify: the file was altered after it was signed, or it was not signed by the certificate it carries. Nothing was imported.");
}

function vicalDate(date: Date | string): string {
  return typeof date === "string" ? date : date.toISOString().slice(0, 10);
}

/**
 * Reads a VICAL (AAMVA's Verified Issuer Certificate Authority List; ISO/IEC 18013-5 Annex C-like): a COSE_Sign1,
 * tagged or not, whose payload maps `vicalProvider`, `date`, `vicalIssueID` and `certificateInfos` (each with the
 * authority's `certificate`, DER). Refused unless the signature verifies with the leaf certificate of its x5chain.
 * Which certificate that must be is not configured here: the signer's subject and fingerprint are returned (and
 * audited) so the admin can compare them with the ones the provider publishes.
 */
export function readVical(bytes: Uint8Array, now: Date = new Date()): VerifiedVical {
  const sign1 = decodeSign1(bytes);
  if (!sign1.payload) refuse("This VICAL's signed content is missing (a detached payload is not supported).");
  const signer = signerOf(sign1, now);
  verifySign1(sign1, signer);

  let payload: unknown;
  try {
    payload = cborDecode<unknown>(sign1.payload);
  } catch {
    return refuse("This VICAL's signed content is not CBOR.");
  }
  const parsed = vicalSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(`This file is signed, but it is not a VICAL: ${issue?.path.join(".") || "its content"} ${issue?.code === "invalid_type" ? "is missing or of the wrong type" : (issue?.message ?? "is not as expected")}.`);
  }

  const certificates = new Map<string, IacaCertificate>();
  const skipped: SkippedVicalCertificate[] = [];
  parsed.data.certificateInfos.forEach((entry, index) => {
    const info = certificateInfoSchema.safeParse(entry);
    const certificate = info.success ? readDerCertificate(info.data.certificate) : null;
    if (!certificate) return void skipped.push({ label: `Entry ${index + 1}`, reason: "holds no readable certificate." });
    const problem = iacaProblem(certificate);
    if (problem) return void skipped.push({ label: certificateLabel(certificate), reason: problem.reason });
    const described = describeIacaCertificate(certificate, now);
    certificates.set(described.fingerprint, described);
  });

  return {
    provider: parsed.data.vicalProvider,
    issueId: parsed.data.vicalIssueID === undefined ? null : String(parsed.data.vicalIssueID),
    date: vicalDate(parsed.data.date),
    signer: { subject: signer.subject.replaceAll("\n", ", "), commonName: certificateLabel(signer), fingerprint: createHash("sha256").update(signer.raw).digest("hex") },
    certificates: [...certificates.values()],
    skipped,
    entries: parsed.data.certificateInfos.length,
  };
}
