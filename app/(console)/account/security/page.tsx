import type { Metadata } from "next";
import { PasskeyList } from "@/app/(console)/account/security/passkey-list";
import { TotpSection } from "@/app/(console)/account/security/totp-section";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";
import { listPasskeys } from "@/lib/auth/list-passkeys";
import { readConsoleSecuritySettings, secondFactorRequiredFor } from "@/lib/auth/second-factor-policy";
import { db } from "@/lib/db/prisma";

export const metadata: Metadata = { title: "Account security" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function AccountSecurityPage() {
  const user = await requirePagePermission("dashboard:view");
  const [passkeys, settings, totp] = await Promise.all([
    listPasskeys(user.id),
    readConsoleSecuritySettings(db()),
    db().consoleTotp.findUnique({ where: { userId: user.id }, select: { enabledAt: true } }),
  ]);
  return (
    <>
      <PageHeader title="Account security" description="Your passkeys confirm every sign-in and each sensitive change." />
      <div className="space-y-6">
        <Card
          title="Passkeys"
          description={secondFactorRequiredFor(user.role) ? "Admins must keep at least one. Lost all of them? Another admin can reset them." : "Add one to confirm resets and other sensitive actions."}
        >
          <PasskeyList
            passkeys={passkeys.map((passkey) => ({
              id: passkey.id,
              name: passkey.name,
              createdAt: `${dateFormat.format(passkey.createdAt)} UTC`,
              lastUsedAt: passkey.lastUsedAt ? `${dateFormat.format(passkey.lastUsedAt)} UTC` : null,
            }))}
          />
        </Card>
        {settings.totpAllowed ? (
          <Card title="Authenticator app (TOTP)" description="A fallback for when your passkey is not at hand: a 6-digit code, each usable once.">
            <TotpSection enabled={Boolean(totp?.enabledAt)} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
