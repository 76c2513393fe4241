import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";
import { roleHasPermission } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Directory" };

export default async function DirectoryPage() {
  const user = await requirePagePermission("directory:view");
  return (
    <>
      <PageHeader title="Directory" description="The synced copy of your employee group in Microsoft Entra ID or Okta." />
      <EmptyState
        title="No directory synced yet"
        action={
          roleHasPermission(user.role, "settings:manage") ? (
            <Link href="/settings/identity-provider" className="text-sm font-medium text-brand-700 hover:underline">
              Connect an identity provider
            </Link>
          ) : null
        }
      >
        Employees appear here once an administrator connects the identity provider and the first directory sync has run.
      </EmptyState>
    </>
  );
}
