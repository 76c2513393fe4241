import { describe, expect, it } from "vitest";
import { credentialResetData, verificationDecidedData, webhookPayload } from "@/lib/webhooks/webhook-payloads";
import { checkWebhookUrl } from "@/lib/webhooks/webhook-url-policy";
import { createWebhookEndpointSchema } from "@/lib/webhooks/webhook-schemas";

const decision = {
  outcome: "FAILED",
  reasons: ["Date of birth does not match the directory."],
  claims: [
    { claim: "dateOfBirth", outcome: "MISMATCH", requirement: "REQUIRED", directoryValue: "19**-**-12", evidenceValue: "19**-**-21", source: "DOCUMENT" },
    { claim: "surname", outcome: "MATCH", requirement: "REQUIRED", directoryValue: "O*****o", evidenceValue: "O*****o", source: "DOCUMENT" },
  ],
  checks: [{ check: "ID_DOCUMENT", required: true, passed: true, detail: "Passport photo page (MRZ) read." }],
  document: { kind: "MRZ_TD3", issuingCountry: "GBR", expiryDate: "2031-01-01" },
  assurance: { level: "DOCUMENT", required: "DOCUMENT", meetsPolicy: true },
};

describe("webhook payloads", () => {
  it("carries a decided verification's ids, ticket and outcomes, never the values compared or document data", () => {
    const data = verificationDecidedData({
      id: "4c0f6a58-8e38-4c09-9b8e-1b1c7d0b2c11",
      employeeId: "0b6b3c1e-5d3c-4a55-9d53-1a2b3c4d5e6f",
      purpose: "HELPDESK_CHECK",
      status: "FAILED",
      externalTicketRef: "INC0012345",
      initiatorType: "API_CLIENT",
      decidedAt: new Date("2026-12-08T00:00:00Z"),
      failureReason: decision.reasons[0] ?? null,
      decision,
    });
    expect(data).toEqual({
      verificationId: "4c0f6a58-8e38-4c09-9b8e-1b1c7d0b2c11",
      employeeId: "0b6b3c1e-5d3c-4a55-9d53-1a2b3c4d5e6f",
      ticket: "INC0012345",
      purpose: "HELPDESK_CHECK",
      initiator: "API_CLIENT",
      status: "FAILED",
      decidedAt: "2026-12-08T00:00:00.000Z",
      assuranceLevel: "DOCUMENT",
      meetsPolicy: true,
      claims: [
        { claim: "dateOfBirth", outcome: "MISMATCH", requirement: "REQUIRED" },
        { claim: "surname", outcome: "MATCH", requirement: "REQUIRED" },
      ],
      failureReason: "Date of birth does not match the directory.",
    });
    const text = JSON.stringify(webhookPayload("verification.decided", data, new Date()));
    for (const leaked of ["19**", "O*****o", "MRZ", "GBR", "2031", "Passport"]) expect(text).not.toContain(leaked);
  });

  it("names a refused reset's roles and no one's login", () => {
    const data = credentialResetData(
      { id: "r1", requestId: "v1", employeeId: "e1", action: "PASSWORD_RESET", status: "REFUSED", failedStep: "check-admin-roles", completedAt: null, request: { externalTicketRef: null } },
      { roles: ["Global Administrator"] },
    );
    expect(data).toMatchObject({ resetId: "r1", verificationId: "v1", status: "REFUSED", reason: "privileged_account", roles: ["Global Administrator"], ticket: null });
  });
});

describe("endpoint URLs", () => {
  const parse = (url: string) => createWebhookEndpointSchema.safeParse({ name: "x", url, eventTypes: ["verification.decided"] }).success;
  it("takes https, and http only to this machine", () => {
    expect(parse("https://hooks.example.com/verifyd")).toBe(true);
    expect(parse("http://hooks.example.com/verifyd")).toBe(false);
    expect(parse("http://127.0.0.1:4999/hook")).toBe(true);
    expect(parse("https://user:pw@hooks.example.com/")).toBe(false);
    expect(parse("not a url")).toBe(false);
  });

  it("refuses metadata and private addresses, and loopback outside sandbox mode", () => {
    expect(checkWebhookUrl("https://169.254.169.254/latest/meta-data", { sandbox: true }).ok).toBe(false);
    expect(checkWebhookUrl("https://10.1.2.3/hook", { sandbox: true }).ok).toBe(false);
    expect(checkWebhookUrl("https://[fd00:ec2::254]/hook", { sandbox: true }).ok).toBe(false);
    expect(checkWebhookUrl("http://127.0.0.1:4999/hook", { sandbox: false }).ok).toBe(false);
    expect(checkWebhookUrl("http://127.0.0.1:4999/hook", { sandbox: true })).toMatchObject({ ok: true, allowLoopback: true });
    expect(checkWebhookUrl("https://hooks.example.com/x", { sandbox: false })).toMatchObject({ ok: true, allowLoopback: false });
  });
});
