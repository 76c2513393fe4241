import { describe, expect, it } from "vitest";
import { roleHasPermission, VERIFICATION_ACTS, type VerificationAct } from "@/lib/auth/permissions";
import { mayActOnVerification } from "@/lib/verification/requests/verification-access";

const agentA = { id: "a", role: "HELPDESK" as const };
const agentB = { id: "b", role: "HELPDESK" as const };
const admin = { id: "admin", role: "ADMIN" as const };
const byA = { initiatorType: "CONSOLE_USER" as const, initiatedById: "a" };
const byAdmin = { initiatorType: "CONSOLE_USER" as const, initiatedById: "admin" };
const selfService = { initiatorType: "SELF_SERVE" as const, initiatedById: null };
const ACTS = Object.keys(VERIFICATION_ACTS) as VerificationAct[];

describe("who may act on a verification", () => {
  it("lets the initiating agent do everything on their own verification", () => {
    for (const act of ACTS) expect(mayActOnVerification(agentA, byA, act)).toBe(true);
  });

  it("lets no other agent, and no admin, see the link, resend it, confirm the caller or reset", () => {
    for (const act of ["view_link", "resend_link", "confirm_binding", "start_reset"] as const) {
      expect(mayActOnVerification(agentB, byA, act)).toBe(false);
      expect(mayActOnVerification(admin, byA, act)).toBe(false);
      expect(mayActOnVerification(agentA, byAdmin, act)).toBe(false);
    }
  });

  it("shows a self-service verification's link to nobody", () => {
    for (const user of [agentA, agentB, admin]) expect(mayActOnVerification(user, selfService, "view_link")).toBe(false);
  });

  it("lets only admins cancel someone else's (or a self-service) verification", () => {
    expect(roleHasPermission("HELPDESK", "helpdesk:cancel_any")).toBe(false);
    expect(mayActOnVerification(agentB, byA, "cancel")).toBe(false);
    expect(mayActOnVerification(agentB, selfService, "cancel")).toBe(false);
    expect(mayActOnVerification(admin, byA, "cancel")).toBe(true);
    expect(mayActOnVerification(admin, selfService, "cancel")).toBe(true);
  });
});
