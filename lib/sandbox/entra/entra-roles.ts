import type { Privilege } from "@/lib/sandbox/shared/generate-person";

/** The directory roles the sandbox knows, keyed by the provider-neutral privilege the generator assigns. */
export const DIRECTORY_ROLES = {
  helpdesk_admin: {
    displayName: "Helpdesk Administrator",
    roleTemplateId: "729827e3-9c14-49f7-bb1b-9608f156bbb8",
    description: "Can reset passwords for non-administrators and Helpdesk Administrators.",
  },
  user_admin: {
    displayName: "User Administrator",
    roleTemplateId: "fe930be7-5e62-47db-91af-98c3a49a38b1",
    description: "Can manage all aspects of users and groups, including resetting passwords for limited admins.",
  },
  privileged_admin: {
    displayName: "Privileged Authentication Administrator",
    roleTemplateId: "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
    description: "Can access to view, set and reset authentication method information for any user (admin or non-admin).",
  },
  global_admin: {
    displayName: "Global Administrator",
    roleTemplateId: "62e90394-69f5-4237-9190-012177145e10",
    description: "Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.",
  },
} as const satisfies Record<Exclude<Privilege, "none">, { displayName: string; roleTemplateId: string; description: string }>;

export type DirectoryRoleKey = keyof typeof DIRECTORY_ROLES;
export const DIRECTORY_ROLE_KEYS = ["helpdesk_admin", "user_admin", "privileged_admin", "global_admin"] as const satisfies readonly DirectoryRoleKey[];

const RANK: Record<Privilege, number> = { none: 0, helpdesk_admin: 1, user_admin: 2, privileged_admin: 3, global_admin: 4 };

/**
 * The sandbox's one rule for privileged targets (a simplification of Entra's "who can reset whose password"
 * table): the app may write password, methods, TAP and sessions of a user whose privilege ranks at or below the
 * directory role assigned to the app's service principal. none < Helpdesk < User Administrator < Privileged
 * Authentication Administrator < Global Administrator. So Helpdesk resets non-admins and helpdesk admins;
 * Privileged Authentication Administrator resets anyone but Global Administrators; an app without a directory
 * role resets non-admins only.
 */
export function mayManageTarget(appRole: Privilege, target: Privilege): boolean {
  return RANK[target] <= RANK[appRole];
}

/** Graph application permissions the sandbox checks, and the broader ones that imply them. */
export const GRAPH_PERMISSIONS = [
  "GroupMember.Read.All",
  "User.Read.All",
  "User-PasswordProfile.ReadWrite.All",
  "User.RevokeSessions.All",
  "UserAuthenticationMethod.Read.All",
  "UserAuthenticationMethod.ReadWrite.All",
  "RoleManagement.Read.Directory",
  "User.ReadWrite.All",
  "Group.Read.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
] as const;
export type GraphPermission = (typeof GRAPH_PERMISSIONS)[number];

const IMPLIED_BY: Record<GraphPermission, GraphPermission[]> = {
  "GroupMember.Read.All": ["Group.Read.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  "User.Read.All": ["User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  "User-PasswordProfile.ReadWrite.All": ["User.ReadWrite.All", "Directory.ReadWrite.All"],
  "User.RevokeSessions.All": ["User.ReadWrite.All", "Directory.ReadWrite.All"],
  "UserAuthenticationMethod.Read.All": ["UserAuthenticationMethod.ReadWrite.All"],
  "UserAuthenticationMethod.ReadWrite.All": [],
  "RoleManagement.Read.Directory": ["Directory.Read.All", "Directory.ReadWrite.All"],
  "User.ReadWrite.All": ["Directory.ReadWrite.All"],
  "Group.Read.All": ["Directory.Read.All", "Directory.ReadWrite.All"],
  "Directory.Read.All": ["Directory.ReadWrite.All"],
  "Directory.ReadWrite.All": [],
};

/** Whether the token's roles grant `needed`, directly or through a broader permission. */
export function hasPermission(roles: readonly string[], needed: GraphPermission): boolean {
  return roles.includes(needed) || IMPLIED_BY[needed].some((broader) => roles.includes(broader));
}

/** What the sandbox's default app registration requests (and receives on admin consent). */
export const DEFAULT_APP_PERMISSIONS: GraphPermission[] = [
  "GroupMember.Read.All",
  "User.Read.All",
  "User-PasswordProfile.ReadWrite.All",
  "User.RevokeSessions.All",
  "UserAuthenticationMethod.ReadWrite.All",
  "RoleManagement.Read.Directory",
];
