import { idvEndpoints } from "@/lib/idv/protocol/idv-endpoints";
import { SUPPORTED_SCOPES } from "@/lib/idv/protocol/parse-pushed-request";
import { ID_TOKEN_ALGORITHM } from "@/lib/idv/keys/signing-keys";
import { TRUST_FRAMEWORK } from "@/lib/idv/protocol/build-verified-claims";
import { OIDC_CLAIM_OF } from "@/lib/idv/protocol/oidc-claim-names";
import { ASSURANCE_LEVELS } from "@/lib/verification/assurance/assurance-levels";

/**
 * What a relying party needs to talk to us (OpenID Connect Discovery 1.0, RFC 8414, RFC 9126 §5, OIDC for
 * Identity Assurance 1.0 §8). It promises only what the endpoints enforce: pushed requests only, code flow,
 * PKCE S256, client secrets, RS256 ID tokens, no userinfo.
 */
export function discoveryDocument(appUrl: string) {
  const endpoints = idvEndpoints(appUrl);
  const claims = [...new Set(Object.values(OIDC_CLAIM_OF).map((name) => name.split(".")[0] ?? name))];
  return {
    issuer: endpoints.issuer,
    authorization_endpoint: endpoints.authorize,
    token_endpoint: endpoints.token,
    jwks_uri: endpoints.jwks,
    pushed_authorization_request_endpoint: endpoints.par,
    require_pushed_authorization_requests: true,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: [ID_TOKEN_ALGORITHM],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    code_challenge_methods_supported: ["S256"],
    scopes_supported: [...SUPPORTED_SCOPES],
    claims_parameter_supported: true,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    authorization_response_iss_parameter_supported: true,
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "txn", "verified_claims"],
    verified_claims_supported: true,
    trust_frameworks_supported: [TRUST_FRAMEWORK],
    evidence_supported: ["document"],
    documents_supported: ["passport", "idcard", "driving_permit"],
    documents_check_methods_supported: ["vri", "bvr"],
    claims_in_verified_claims_supported: claims,
    assurance_levels_supported: ASSURANCE_LEVELS.filter((level) => level !== "NONE").map((level) => level.toLowerCase()),
  };
}
