import { z } from "zod";

/** The console form and the server action share this schema (safe to import from client components). */
/** What an agent can verify someone for; ACCOUNT_RECOVERY belongs to the self-service portal. */
export const AGENT_PURPOSES = ["HELPDESK_CHECK", "PASSWORD_RESET", "MFA_RESET"] as const;

export const createVerificationInputSchema = z.object({
  employeeId: z.uuid({ error: "Choose an employee." }),
  purpose: z.enum(AGENT_PURPOSES, { error: "Choose why the employee is being verified." }),
  channel: z.enum(["EMAIL", "SMS", "IN_PERSON"], { error: "Choose how the employee gets the link." }).default("EMAIL"),
  /** The help desk's ticket (ServiceNow incident, Zendesk ticket id) this verification belongs to. */
  ticket: z
    .string()
    .trim()
    .max(64, "Keep the ticket reference under 64 characters.")
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:#/-]*$/, "Use the ticket number as your ticketing tool shows it (letters, digits and . _ : # / -).")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  reasonNote: z
    .string()
    .trim()
    .max(280, "Keep the note under 280 characters.")
    .optional()
    .transform((note) => (note ? note : undefined)),
});
export type CreateVerificationInput = z.input<typeof createVerificationInputSchema>;
