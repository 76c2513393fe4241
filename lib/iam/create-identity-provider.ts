import { z } from "zod";
import { createEntraProvider } from "@/lib/iam/entra/create-entra-provider";
import { entraCredentialsSchema, entraSettingsSchema } from "@/lib/iam/entra/entra-settings";
import type { IdentityProvider } from "@/lib/iam/identity-provider";
import { createOktaProvider } from "@/lib/iam/okta/create-okta-provider";
import { oktaCredentialsSchema, oktaSettingsSchema } from "@/lib/iam/okta/okta-settings";
import type { OutboundOptions } from "@/lib/iam/outbound/outbound-policy";

/** Stored data that no longer matches the schema is a bug or a bad migration: say which part, never the values. */
function parseStored<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "(root)"))].join(", ");
  throw new Error(`The stored ${what} are invalid (${fields}); edit and save the connection again.`);
}

/**
 * The adapter for a stored connection: the one place in the product that switches on the provider. Settings
 * and (decrypted) credentials are parsed with the vendor's schemas. The adapter may call the vendor's clouds and
 * the `sandboxOrigins` its caller names (lib/connections passes the sandbox tenants this process runs; none by
 * default); `resolve` and `timeoutMs` are for tests.
 */
export function createIdentityProvider(
  connection: { provider: "ENTRA" | "OKTA"; groupId: string; settings: unknown; credentials: unknown },
  outbound: OutboundOptions & { sandboxOrigins?: readonly string[] } = {},
): IdentityProvider {
  const withSandbox = { ...outbound, sandboxOrigins: outbound.sandboxOrigins ?? [] };
  switch (connection.provider) {
    case "ENTRA":
      return createEntraProvider({
        groupId: connection.groupId,
        settings: parseStored(entraSettingsSchema, connection.settings, "Entra settings"),
        credentials: parseStored(entraCredentialsSchema, connection.credentials, "Entra credentials"),
        outbound: withSandbox,
      });
    case "OKTA":
      return createOktaProvider({
        groupId: connection.groupId,
        settings: parseStored(oktaSettingsSchema, connection.settings, "Okta settings"),
        credentials: parseStored(oktaCredentialsSchema, connection.credentials, "Okta credentials"),
        outbound: withSandbox,
      });
  }
}
