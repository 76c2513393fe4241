import type { Permission } from "@/lib/auth/permissions";

export type NavItem = { href: string; label: string; permission: Permission };
export type NavSection = { title?: string; items: NavItem[] };

/** The console navigation; each entry is shown only to roles holding its permission. */
export const NAV_SECTIONS: NavSection[] = [
  {
    items: [
      { href: "/dashboard", label: "Dashboard", permission: "dashboard:view" },
      { href: "/directory", label: "Directory", permission: "directory:view" },
      { href: "/helpdesk", label: "Helpdesk", permission: "helpdesk:verify" },
    ],
  },
  {
    title: "Settings",
    items: [
      { href: "/settings/identity-provider", label: "Identity provider", permission: "settings:view" },
      { href: "/settings/verification-policy", label: "Verification policy", permission: "settings:view" },
      { href: "/settings/identity-verification", label: "Identity verification", permission: "settings:manage" },
      { href: "/settings/api-keys", label: "API keys", permission: "settings:manage" },
      { href: "/settings/webhooks", label: "Webhooks", permission: "settings:view" },
      { href: "/settings/trusted-issuers", label: "Trusted issuers", permission: "settings:manage" },
      { href: "/settings/console-users", label: "Console users", permission: "console_users:manage" },
    ],
  },
  {
    items: [
      { href: "/outbox", label: "Outbox", permission: "outbox:view" },
      { href: "/audit", label: "Audit log", permission: "audit:view" },
    ],
  },
];
