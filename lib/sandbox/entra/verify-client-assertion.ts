import { decodeProtectedHeader, errors, jwtVerify } from "jose";
import { z } from "zod";
import type { AadstsKind } from "@/lib/sandbox/entra/identity-errors";
import { type AppRegistration, findAppCertificate } from "@/lib/sandbox/entra/tenant-apps";

const headerSchema = z.object({ alg: z.string().optional(), "x5t#S256": z.string().optional(), x5t: z.string().optional() });
const claimsSchema = z.object({ iss: z.string().optional(), sub: z.string().optional(), aud: z.union([z.string(), z.array(z.string())]).optional(), jti: z.string().optional() });

export type AssertionFailure = { kind: AadstsKind; message: string };

/**
 * Checks a certificate-signed client assertion the way the identity platform does: the header's thumbprint
 * names a certificate registered on the app, the signature verifies with it (RS256 or PS256), it has not
 * expired, `aud` is this token endpoint, `iss` = `sub` = the client id, and it carries a `jti`.
 */
export async function verifyClientAssertion(assertion: string, app: AppRegistration, acceptedAudiences: readonly string[]): Promise<AssertionFailure | null> {
  let header: z.infer<typeof headerSchema>;
  try {
    header = headerSchema.parse(decodeProtectedHeader(assertion));
  } catch {
    return { kind: "invalidAssertion", message: "The client assertion is not a well-formed JWT." };
  }
  const thumbprint = header["x5t#S256"] ?? header.x5t ?? "";
  const certificate = findAppCertificate(app, { x5tS256: header["x5t#S256"], x5t: header.x5t });
  if (!certificate) {
    return {
      kind: "badAssertionSignature",
      message: `Client assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${app.clientId}'.]`,
    };
  }
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(assertion, certificate.publicKey, { algorithms: ["RS256", "PS256"] }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { kind: "assertionExpired", message: "Client assertion is not within its valid time range." };
    return { kind: "badAssertionSignature", message: `Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: '${thumbprint}']` };
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) return { kind: "invalidAssertion", message: "The client assertion has malformed claims." };
  const audiences = typeof claims.data.aud === "string" ? [claims.data.aud] : (claims.data.aud ?? []);
  if (!audiences.some((audience) => acceptedAudiences.includes(audience))) {
    return { kind: "assertionAudienceMismatch", message: `The audience claim value is invalid '${audiences.join(",")}'. The audience should be the token endpoint of this tenant.` };
  }
  const clientId = app.clientId.toLowerCase();
  if (claims.data.iss?.toLowerCase() !== clientId || claims.data.sub?.toLowerCase() !== clientId) {
    return { kind: "assertionAppIdMismatch", message: "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials ." };
  }
  if (!claims.data.jti) return { kind: "invalidAssertion", message: "The client assertion must contain a 'jti' claim." };
  return null;
}
