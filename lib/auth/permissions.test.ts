import { describe, expect, it } from "vitest";
import { PERMISSIONS, roleHasPermission } from "@/lib/auth/permissions";

describe("permission matrix", () => {
  it("gives admins everything", () => {
    for (const permission of PERMISSIONS) expect(roleHasPermission("ADMIN", permission)).toBe(true);
  });

  it("keeps helpdesk agents out of settings, console users and the audit log", () => {
    expect(roleHasPermission("HELPDESK", "helpdesk:verify")).toBe(true);
    expect(roleHasPermission("HELPDESK", "directory:view")).toBe(true);
    for (const permission of ["settings:view", "settings:manage", "console_users:manage", "audit:view", "audit:export", "outbox:view"] as const) {
      expect(roleHasPermission("HELPDESK", permission)).toBe(false);
    }
  });
});
