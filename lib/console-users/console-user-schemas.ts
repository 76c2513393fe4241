import { z } from "zod";

export const consoleRoleSchema = z.enum(["ADMIN", "HELPDESK"], { error: "Choose a role." });

export const createConsoleUserSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email({ error: "Enter a valid e-mail address." })),
  name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
  role: consoleRoleSchema,
});

export const consoleUserIdSchema = z.object({ userId: z.uuid({ error: "Unknown console user." }) });

export const changeConsoleUserRoleSchema = consoleUserIdSchema.extend({ role: consoleRoleSchema });

export const setConsoleUserStatusSchema = consoleUserIdSchema.extend({
  status: z.enum(["ACTIVE", "DISABLED"], { error: "Choose a status." }),
});

export type CreateConsoleUserInput = z.infer<typeof createConsoleUserSchema>;
