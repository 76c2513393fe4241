import { z } from "zod";

/** Environment switches for the built-in sandbox tenants (parsed like every other boundary). */
export const sandboxSettingsSchema = z.object({
  SANDBOX: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
  SANDBOX_SEED: z.string().trim().min(1).max(64).default("verifyd-sandbox"),
  SANDBOX_USERS: z.coerce.number({ error: "must be a number" }).int().min(1).max(200_000).default(250),
  SANDBOX_ENTRA_PORT: z.coerce.number().int().min(0).max(65535).default(4443),
  SANDBOX_OKTA_PORT: z.coerce.number().int().min(0).max(65535).default(4080),
  SANDBOX_WALLET_PORT: z.coerce.number().int().min(0).max(65535).default(4013),
});

export type SandboxSettings = z.infer<typeof sandboxSettingsSchema>;

export function parseSandboxSettings(source: Record<string, string | undefined>): SandboxSettings {
  const result = sandboxSettingsSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join(".")} ${issue.message}`);
    throw new Error(`Invalid sandbox configuration:\n${problems.join("\n")}`);
  }
  return result.data;
}
