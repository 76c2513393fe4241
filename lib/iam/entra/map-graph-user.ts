import { z } from "zod";
import type { DirectoryEmployee } from "@/lib/iam/identity-provider";

/** Fields requested for every member listing; `birthday` cannot be selected on collections (Graph answers 501). */
export const GRAPH_USER_SELECT = [
  "id",
  "userPrincipalName",
  "givenName",
  "surname",
  "mail",
  "mobilePhone",
  "streetAddress",
  "city",
  "state",
  "postalCode",
  "country",
  "employeeId",
  "accountEnabled",
] as const;

const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value && value.trim() !== "" ? value : null));

/**
 * A user as Graph lists it with GRAPH_USER_SELECT. Without User.Read.All Graph still lists members but with
 * every field but `id` null, so the UPN is nullable here and the caller decides what that means.
 */
export const graphUserSchema = z.object({
  id: z.string().min(1),
  userPrincipalName: z.string().nullish(),
  givenName: optionalText,
  surname: optionalText,
  mail: optionalText,
  mobilePhone: optionalText,
  streetAddress: optionalText,
  city: optionalText,
  state: optionalText,
  postalCode: optionalText,
  country: optionalText,
  employeeId: optionalText,
  accountEnabled: z.boolean().nullish(),
});
export type GraphUser = z.infer<typeof graphUserSchema>;

/**
 * Normalises a Graph user. Entra has a single sign-in switch (accountEnabled); lockout and suspension are not
 * visible in Graph. Birthday is only on single-user GETs and roles need another call, so both stay empty here.
 */
export function mapGraphUser(user: GraphUser & { userPrincipalName: string }): DirectoryEmployee {
  return {
    externalId: user.id,
    login: user.userPrincipalName,
    firstName: user.givenName,
    lastName: user.surname,
    email: user.mail,
    mobilePhone: user.mobilePhone,
    streetAddress: user.streetAddress,
    city: user.city,
    state: user.state,
    postalCode: user.postalCode,
    country: user.country,
    birthday: null,
    employeeNumber: user.employeeId,
    accountStatus: user.accountEnabled === false ? "DISABLED" : "ACTIVE",
    adminRoles: [],
  };
}
