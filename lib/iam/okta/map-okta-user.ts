import { z } from "zod";
import type { AccountStatus, DirectoryEmployee } from "@/lib/iam/identity-provider";

/** Profile attributes may be absent, null or "" in a real org; all three mean "not filled in". */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value && value.trim() !== "" ? value : null));

const OKTA_STATUSES = ["ACTIVE", "SUSPENDED", "LOCKED_OUT", "PASSWORD_EXPIRED", "PROVISIONED", "RECOVERY", "STAGED", "DEPROVISIONED"] as const;

/** The part of Okta's User object the product relies on; everything else is ignored. */
export const oktaUserSchema = z.object({
  id: z.string().min(1),
  status: z.enum(OKTA_STATUSES),
  profile: z.object({
    login: z.string().min(1),
    firstName: optionalText,
    lastName: optionalText,
    email: optionalText,
    mobilePhone: optionalText,
    streetAddress: optionalText,
    city: optionalText,
    state: optionalText,
    zipCode: optionalText,
    countryCode: optionalText,
    employeeNumber: optionalText,
  }),
});
export type OktaUser = z.infer<typeof oktaUserSchema>;

/** Okta's statuses are the product's vocabulary already (DISABLED is Entra's). */
const STATUS: Record<OktaUser["status"], AccountStatus> = {
  ACTIVE: "ACTIVE",
  SUSPENDED: "SUSPENDED",
  LOCKED_OUT: "LOCKED_OUT",
  PASSWORD_EXPIRED: "PASSWORD_EXPIRED",
  PROVISIONED: "PROVISIONED",
  RECOVERY: "RECOVERY",
  STAGED: "STAGED",
  DEPROVISIONED: "DEPROVISIONED",
};

/** Normalises an Okta user. The base profile has no birthday; roles need okta.roles.read, so none here. */
export function mapOktaUser(user: OktaUser): DirectoryEmployee {
  const { profile } = user;
  return {
    externalId: user.id,
    login: profile.login,
    firstName: profile.firstName,
    lastName: profile.lastName,
    email: profile.email,
    mobilePhone: profile.mobilePhone,
    streetAddress: profile.streetAddress,
    city: profile.city,
    state: profile.state,
    postalCode: profile.zipCode,
    country: profile.countryCode,
    birthday: null,
    employeeNumber: profile.employeeNumber,
    accountStatus: STATUS[user.status],
    adminRoles: [],
  };
}
