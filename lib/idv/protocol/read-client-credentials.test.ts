import { describe, expect, it } from "vitest";
import { OAuthError } from "@/lib/idv/protocol/oauth-error";
import { readClientCredentials } from "@/lib/idv/protocol/read-client-credentials";

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthError) return error.code;
    throw error;
  }
  return "accepted";
}

describe("readClientCredentials", () => {
  it("reads HTTP Basic with form-encoded id and secret (RFC 6749 §2.3.1)", () => {
    expect(readClientCredentials(basic("idv_a b", "s:e/c+r"), new URLSearchParams())).toEqual({ clientId: "idv_a b", clientSecret: "s:e/c+r", method: "client_secret_basic" });
  });

  it("reads client_secret_post", () => {
    expect(readClientCredentials(null, new URLSearchParams({ client_id: "idv_x", client_secret: "secret" }))).toEqual({ clientId: "idv_x", clientSecret: "secret", method: "client_secret_post" });
  });

  it("refuses two methods at once, a body client_id that differs from Basic, and missing or malformed credentials", () => {
    expect(codeOf(() => readClientCredentials(basic("idv_x", "s"), new URLSearchParams({ client_secret: "s" })))).toBe("invalid_request");
    expect(codeOf(() => readClientCredentials(basic("idv_x", "s"), new URLSearchParams({ client_id: "idv_y" })))).toBe("invalid_request");
    expect(codeOf(() => readClientCredentials(null, new URLSearchParams({ client_id: "idv_x" })))).toBe("invalid_client");
    expect(codeOf(() => readClientCredentials("Bearer abc", new URLSearchParams()))).toBe("invalid_client");
    expect(codeOf(() => readClientCredentials(`Basic ${Buffer.from("no-colon").toString("base64")}`, new URLSearchParams()))).toBe("invalid_client");
    expect(codeOf(() => readClientCredentials(null, new URLSearchParams({ client_id: "idv_x", client_secret: "s".repeat(300) })))).toBe("invalid_client");
  });
});
