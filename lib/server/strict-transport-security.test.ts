import { describe, expect, it } from "vitest";
import { strictTransportSecurity } from "./strict-transport-security";

describe("strictTransportSecurity", () => {
  it("is sent for an https APP_URL in production", () => {
    expect(strictTransportSecurity("https://verify.example.com", false)).toBe("max-age=63072000; includeSubDomains");
  });

  it("is not sent over plain http, nor in development", () => {
    expect(strictTransportSecurity("http://localhost:3000", false)).toBeUndefined();
    expect(strictTransportSecurity("https://verify.example.com", true)).toBeUndefined();
  });
});
