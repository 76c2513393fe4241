import { z } from "zod";
import { MFA_KINDS, type MfaKind } from "@/lib/sandbox/shared/generate-person";
import { FACTOR_FOR_MFA, OKTA_ADMIN_ROLES, OKTA_USER_STATUSES } from "@/lib/sandbox/okta/okta-model";

const nullableText = z.string().max(200).nullable();

/** Profile attributes an admin may set on a sandbox user; omitted ones stay as seeded. */
export const profilePatchSchema = z
  .strictObject({
    firstName: nullableText,
    lastName: nullableText,
    displayName: nullableText,
    email: z.email().nullable(),
    login: z.string().min(3).max(100).regex(/^[^\s@]+@[^\s@]+$/, { error: "login must look like an e-mail address" }),
    mobilePhone: nullableText,
    primaryPhone: nullableText,
    streetAddress: nullableText,
    city: nullableText,
    state: nullableText,
    zipCode: nullableText,
    countryCode: z.string().length(2).nullable(),
    employeeNumber: nullableText,
    department: nullableText,
    title: nullableText,
  })
  .partial();

const FACTOR_TYPES = MFA_KINDS.map((kind) => FACTOR_FOR_MFA[kind].factorType);
const KIND_FOR_FACTOR_TYPE = new Map<string, MfaKind>(MFA_KINDS.map((kind) => [FACTOR_FOR_MFA[kind].factorType, kind]));

/** Okta factor types (`push`, `sms`, `token:software:totp`, `webauthn`, `email`, `question`) as MFA kinds. */
const factorTypesSchema = z
  .array(z.string().refine((type) => KIND_FOR_FACTOR_TYPE.has(type), { error: `factor type must be one of ${FACTOR_TYPES.join(", ")}` }))
  .transform((types) => MFA_KINDS.filter((kind) => types.includes(FACTOR_FOR_MFA[kind].factorType)));

/** Body of `PATCH /_sandbox/users/{id}`. */
export const userPatchSchema = z.strictObject({
  profile: profilePatchSchema.optional(),
  status: z.enum(OKTA_USER_STATUSES).optional(),
  roles: z.array(z.enum(OKTA_ADMIN_ROLES)).optional(),
  factors: factorTypesSchema.optional(),
});
export type UserPatch = z.infer<typeof userPatchSchema>;

/** Body of `POST /_sandbox/users`: like a patch, plus whether the new employee joins the employee group. */
export const newUserSchema = userPatchSchema.extend({ inGroup: z.boolean().default(true) });
