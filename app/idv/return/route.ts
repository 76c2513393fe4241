import { NextResponse } from "next/server";
import { appUrl, clearIdvCookie, readIdvCookie } from "@/app/idv/idv-cookie";
import { plainPage } from "@/app/idv/plain-page";
import { getRequestContext } from "@/lib/http/request-context";
import { completeIdvAuthorization } from "@/lib/idv/protocol/complete-idv-authorization";

export const dynamic = "force-dynamic";

/** Takes the decided verification back to the IdP, from the browser that came from it (and only that one). */
export async function GET(): Promise<Response> {
  const completion = await completeIdvAuthorization(await readIdvCookie(), await getRequestContext());
  if ("redirect" in completion) {
    const response = NextResponse.redirect(completion.redirect, 303);
    clearIdvCookie(response);
    return response;
  }
  if (completion.state === "pending") return NextResponse.redirect(appUrl("/idv/continue"), 303);
  return plainPage(400, "Return to the device where you started", "This browser did not start this sign-in, or it has already gone back. Finish on the device where your sign-in page is open.");
}
