import { describe, expect, it } from "vitest";
import { possessionCodeEmail, possessionCodeSms } from "@/lib/notifications/possession-code-messages";
import { verificationLinkEmail } from "@/lib/notifications/verification-link-email";

describe("verificationLinkEmail", () => {
  const input = {
    employeeFirstName: "Ana <b>",
    requestedBy: "Dana Smith from the IT service desk",
    purposeLabel: "Password reset",
    url: "https://verify.example.com/verify/tok_123",
    expiresAt: new Date("2026-03-03T14:05:00Z"),
  };

  it("says who asked, why, until when, and what to do when in doubt", () => {
    const email = verificationLinkEmail(input);
    expect(email.subject).toBe("Confirm your identity: Password reset");
    for (const part of [email.text, email.html]) {
      expect(part).toContain("Dana Smith from the IT service desk");
      expect(part).toContain("3 March 2026 at 14:05 UTC");
      expect(part).toContain("do not open the link");
    }
    expect(email.text).toContain("Verify my identity: https://verify.example.com/verify/tok_123");
    expect(email.html).toContain('href="https://verify.example.com/verify/tok_123"');
    expect(email.html).toContain("Hi Ana &lt;b&gt;,");
  });

  it("refuses a link that is not http(s)", () => {
    expect(() => verificationLinkEmail({ ...input, url: "javascript:alert(1)" })).toThrow();
  });
});

describe("possession code messages", () => {
  it("keeps the code out of the e-mail subject but in the body", () => {
    const email = possessionCodeEmail({ code: "123456", expiresInMinutes: 10 });
    expect(email.subject).not.toContain("123456");
    expect(email.text).toContain("123456");
    expect(email.text).toContain("10 minutes");
  });

  it("fits one SMS segment and ends with the WebOTP origin line", () => {
    const sms = possessionCodeSms({ code: "123456", expiresInMinutes: 10 }, "https://verify.example.com:8443/console");
    expect(sms).toBe(
      "123456 is your verifyd code. It expires in 10 minutes. Never share it; we will never call you to ask for it.\n\n@verify.example.com #123456",
    );
    expect(sms.length).toBeLessThanOrEqual(160);
  });

  it("drops the origin line rather than exceed 160 characters", () => {
    const sms = possessionCodeSms({ code: "123456", expiresInMinutes: 1 }, `https://${"a".repeat(60)}.example.com`);
    expect(sms).toBe("123456 is your verifyd code. It expires in 1 minute. Never share it; we will never call you to ask for it.");
  });

  it("refuses codes that are not digits", () => {
    expect(() => possessionCodeSms({ code: "12 34<", expiresInMinutes: 10 }, "https://x.example")).toThrow();
  });
});
