import "server-only";
import { entraSettingsSchema, type EntraSettings } from "@/lib/iam/entra/entra-settings";
import { oktaSettingsSchema, type OktaSettings } from "@/lib/iam/okta/okta-settings";
import { db } from "@/lib/db/prisma";

type Common = {
  id: string;
  status: "INCOMPLETE" | "ACTIVE" | "ERROR";
  statusReason: string | null;
  groupId: string;
  syncIntervalMinutes: number;
  lastSyncedAt: Date | null;
  activatedAt: Date | null;
  updatedAt: Date;
  /** Sent back with a key change, which applies only to the key set this view showed. */
  keyVersion: number;
};

/** The installation's connection for the settings page: public settings only, never the sealed credentials. */
export type IamConnectionView =
  | (Common & { provider: "ENTRA"; settings: EntraSettings })
  | (Common & { provider: "OKTA"; settings: OktaSettings });

export async function getIamConnection(): Promise<IamConnectionView | null> {
  const row = await db().iamConnection.findUnique({
    where: { singleton: true },
    select: {
      id: true,
      provider: true,
      status: true,
      statusReason: true,
      groupId: true,
      settings: true,
      syncIntervalMinutes: true,
      lastSyncedAt: true,
      activatedAt: true,
      updatedAt: true,
      keyVersion: true,
    },
  });
  if (!row) return null;
  const { settings, provider, ...common } = row;
  return provider === "ENTRA"
    ? { ...common, provider, settings: entraSettingsSchema.parse(settings) }
    : { ...common, provider, settings: oktaSettingsSchema.parse(settings) };
}
