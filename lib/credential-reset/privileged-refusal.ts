/**
 * What the employee and the agent read when an account holds administrator roles. The app's own provider role
 * (Okta Help Desk Administrator, an Entra app without Privileged Authentication Administrator) cannot act on
 * such accounts, and should not: a helpdesk flow that can reset a Global Administrator is a takeover path.
 */
export function privilegedRefusal(roles: readonly string[]): string {
  return `This account holds administrator rights (${roles.join(", ")}). For your organisation's safety, administrator accounts cannot be reset here: contact your IT administrators directly.`;
}
