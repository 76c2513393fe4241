/**
 * Which Entra directory roles make an employee "privileged" for verifyd: default-deny. Every directory role counts
 * except a short list of read-only roles that Microsoft's own "who can reset passwords" table lets a Helpdesk
 * Administrator reset. Why default-deny: the app's service principal holds Helpdesk (or Privileged Authentication)
 * Administrator, so it could act on many admins, but a self-service reset of an admin account after a phone/ID
 * check is an account-takeover path into the tenant's control plane; a new or custom role Microsoft adds later
 * must not slip through an allowlist of "dangerous" roles. Helpdesk Administrator itself is privileged here
 * (Entra would allow it; we do not): an admin resets admins in the Entra admin center.
 */
const UNPRIVILEGED_ROLES: ReadonlyArray<{ roleTemplateId: string; displayName: string }> = [
  { roleTemplateId: "88d8e3e3-8f55-4a1e-953a-9b9898b8876b", displayName: "Directory Readers" },
  { roleTemplateId: "95e79109-95c0-4d8e-aee3-d01accf2d47b", displayName: "Guest Inviter" },
  { roleTemplateId: "790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b", displayName: "Message Center Reader" },
  { roleTemplateId: "4a5d8f65-41da-4de4-8968-e035b65339cf", displayName: "Reports Reader" },
  { roleTemplateId: "75934031-6c7e-415a-99d7-48dbd49e875e", displayName: "Usage Summary Reports Reader" },
];

/** Known privileged role template ids (documentation and tests; anything not unprivileged counts anyway). */
export const PRIVILEGED_ROLE_TEMPLATE_IDS = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  privilegedRoleAdministrator: "e8611ab8-c189-46e8-94e1-60213ab1f814",
  privilegedAuthenticationAdministrator: "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
  userAdministrator: "fe930be7-5e62-47db-91af-98c3a49a38b1",
  helpdeskAdministrator: "729827e3-9c14-49f7-bb1b-9608f156bbb8",
  authenticationAdministrator: "c4e39bd9-1100-46d3-8c65-fb160da0071f",
  passwordAdministrator: "966707d0-3269-4727-9be2-8c3a10f19b9d",
  securityAdministrator: "194ae4cb-b126-40b2-bd5b-6091b380977d",
} as const;

/** Matches on the template id (stable across tenants) or, when Graph omits it, the English display name. */
export function isPrivilegedEntraRole(role: { roleTemplateId?: string | null; displayName?: string | null }): boolean {
  const harmless = UNPRIVILEGED_ROLES.some(
    (candidate) => (role.roleTemplateId ? candidate.roleTemplateId === role.roleTemplateId.toLowerCase() : candidate.displayName === role.displayName),
  );
  return !harmless;
}
