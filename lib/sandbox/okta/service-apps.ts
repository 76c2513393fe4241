import type { JWK } from "jose";
import { z } from "zod";
import { OKTA_ADMIN_ROLES, OKTA_SCOPES, type OktaAdminRole, type OktaScope } from "@/lib/sandbox/okta/okta-model";

/** A public key as an admin pastes it into Okta's "Public keys" section of an API Services app. */
const publicJwkSchema = z
  .object({
    kty: z.enum(["RSA", "EC"]),
    kid: z.string().min(1).max(200),
    alg: z.enum(["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"]).optional(),
    use: z.literal("sig").optional(),
    n: z.string().optional(),
    e: z.string().optional(),
    crv: z.enum(["P-256", "P-384", "P-521"]).optional(),
    x: z.string().optional(),
    y: z.string().optional(),
    d: z.never({ error: "Paste the public key only: the JWK contains a private part (d)." }).optional(),
  })
  .refine((key) => (key.kty === "RSA" ? Boolean(key.n && key.e) : Boolean(key.crv && key.x && key.y)), {
    error: "Incomplete public key: RSA needs n and e, EC needs crv, x and y.",
  });

/** Either a JWK Set or a single JWK; kids must be unique so a key can be rotated by adding a second one. */
export const publicJwksSchema = z
  .union([z.object({ keys: z.array(publicJwkSchema).min(1).max(10) }), publicJwkSchema.transform((key) => ({ keys: [key] }))])
  .refine((set) => new Set(set.keys.map((key) => key.kid)).size === set.keys.length, { error: "Duplicate kid in the key set." });

export const serviceAppSettingsSchema = z.object({
  /** Okta turns "Require DPoP" on by default for API Services apps created since 2024. */
  dpopRequired: z.boolean(),
  scopes: z.array(z.enum(OKTA_SCOPES)),
  /** The admin role assigned to the app; HELP_DESK_ADMIN and USER_ADMIN are scoped to the employee group. */
  adminRole: z.enum(OKTA_ADMIN_ROLES),
});
export type ServiceAppSettings = z.infer<typeof serviceAppSettingsSchema>;

export const DEFAULT_APP_SETTINGS: ServiceAppSettings = {
  dpopRequired: true,
  scopes: ["okta.groups.read", "okta.users.read", "okta.users.manage", "okta.roles.read", "okta.logs.read"],
  adminRole: "HELP_DESK_ADMIN",
};

export type ServiceApp = { clientId: string; settings: ServiceAppSettings; keys: JWK[] };

export const clientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * API Services apps of the sandbox org. Settings go back to defaults on reset; registered keys survive it,
 * because they stand for what the admin pasted, and a directory reset should not break the connection.
 */
export class ServiceAppRegistry {
  private apps = new Map<string, ServiceApp>();

  constructor(readonly defaultClientId: string) {
    this.ensure(defaultClientId);
  }

  get(clientId: string): ServiceApp | undefined {
    return this.apps.get(clientId);
  }

  list(): ServiceApp[] {
    return [...this.apps.values()];
  }

  registerPublicKeys(clientId: string, jwks: unknown): ServiceApp {
    const app = this.ensure(clientIdSchema.parse(clientId));
    app.keys = publicJwksSchema.parse(jwks).keys.map(({ d: _private, ...key }) => key);
    return app;
  }

  configure(clientId: string, settings: Partial<ServiceAppSettings>): ServiceApp {
    const app = this.ensure(clientIdSchema.parse(clientId));
    app.settings = serviceAppSettingsSchema.parse({ ...app.settings, ...settings });
    return app;
  }

  resetSettings(): void {
    for (const app of this.apps.values()) app.settings = { ...DEFAULT_APP_SETTINGS, scopes: [...DEFAULT_APP_SETTINGS.scopes] };
  }

  private ensure(clientId: string): ServiceApp {
    let app = this.apps.get(clientId);
    if (!app) {
      app = { clientId, settings: { ...DEFAULT_APP_SETTINGS, scopes: [...DEFAULT_APP_SETTINGS.scopes] }, keys: [] };
      this.apps.set(clientId, app);
    }
    return app;
  }
}

/** Whether granted scopes cover a required one; `okta.users.manage` implies `okta.users.read`, as in Okta. */
export function scopesAllow(granted: readonly string[], required: OktaScope): boolean {
  if (granted.includes(required)) return true;
  return required === "okta.users.read" && granted.includes("okta.users.manage");
}

export type { OktaAdminRole };
