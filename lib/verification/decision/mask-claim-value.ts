import type { ClaimName } from "@/lib/verification/claims";

const DOT = "•";

function keepStart(value: string, visible: number): string {
  const trimmed = value.trim();
  if (trimmed.length <= visible) return trimmed;
  return `${trimmed.slice(0, visible)}${DOT.repeat(Math.min(6, trimmed.length - visible))}`;
}

/**
 * What the agent's result table shows of a claim value. Names and places are shown (the agent says them to the
 * caller anyway); what a caller could be asked to prove, or could use to take over an account, is masked: birth
 * date to its year, street to its number and first letters, postal code to its first characters, e-mail to its
 * first letter and domain, phone to its last 4 digits.
 */
export function maskClaimValue(claim: ClaimName, value: string | null | undefined): string | null {
  if (!value || value.trim() === "") return null;
  switch (claim) {
    case "firstName":
    case "lastName":
    case "city":
    case "state":
    case "country":
      return value.trim();
    case "dateOfBirth":
      return /^\d{4}/.test(value) ? `${value.slice(0, 4)}-${DOT}${DOT}-${DOT}${DOT}` : DOT.repeat(6);
    case "street":
      return keepStart(value, Math.min(6, Math.max(3, value.trim().indexOf(" ") + 2)));
    case "postalCode":
      return keepStart(value, 2);
    case "email": {
      const [local = "", domain = ""] = value.trim().split("@");
      return `${local.slice(0, 1)}${DOT}${DOT}${DOT}@${domain}`;
    }
    case "mobilePhone": {
      const digits = value.replace(/\D/g, "");
      return `${DOT}${DOT}${DOT}${DOT} ${digits.slice(-4)}`;
    }
  }
}
