import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Helpdesk" };

export default async function HelpdeskPage() {
  await requirePagePermission("helpdesk:verify");
  return (
    <>
      <PageHeader
        title="Helpdesk verification"
        description="Confirm a caller is the employee they claim to be before you touch their account."
      />
      <EmptyState title="Nobody to verify yet">
        Verification requests can be sent once the employee directory has been synced from your identity provider.
      </EmptyState>
    </>
  );
}
