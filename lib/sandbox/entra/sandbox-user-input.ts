import { z } from "zod";
import { LIFECYCLES, MFA_KINDS, PRIVILEGES } from "@/lib/sandbox/shared/generate-person";

const nullableText = z.string().min(1).max(256).nullable();

/**
 * Body of `PATCH /_sandbox/users/{id}`: generator fields a test or demo may change; omitted ones stay as seeded.
 * `privilege` gives the user a directory role (e.g. `global_admin`), `lifecycle` its account state.
 */
export const userPatchSchema = z
  .object({
    givenName: nullableText,
    surname: nullableText,
    displayName: z.string().min(1).max(256),
    hasMail: z.boolean(),
    mobilePhone: nullableText,
    businessPhone: nullableText,
    streetAddress: nullableText,
    city: nullableText,
    state: nullableText,
    postalCode: nullableText,
    country: nullableText,
    countryCode: z.string().length(2).nullable(),
    birthday: z.iso.date().nullable(),
    employeeId: nullableText,
    department: z.string().min(1).max(256),
    jobTitle: z.string().min(1).max(256),
    lifecycle: z.enum(LIFECYCLES),
    privilege: z.enum(PRIVILEGES),
    mfa: z.array(z.enum(MFA_KINDS)),
  })
  .partial()
  .strict();
export type UserPatch = z.infer<typeof userPatchSchema>;

/** Body of `POST /_sandbox/users`: like a patch, plus whether the new employee is in the group through the nested one. */
export const newUserSchema = userPatchSchema.extend({ viaNestedGroup: z.boolean().optional() });
