/**
 * `npm run bench:sandbox`: how fast the sandbox tenants serve a large employee group (default 100 000 people),
 * read the way a directory sync reads it: Graph transitiveMembers at 999 per page over https, and Okta group
 * users at 200 per page through the official Okta SDK (private_key_jwt + DPoP). Prints pages, people, wall time,
 * throughput and the heap the process holds. A measurement, not a test.
 */
import { resolveDataDir } from "@/lib/cli/prepare-runtime";
import { ensureSandboxCaTrusted } from "@/lib/cli/trust-sandbox-ca";
import { createHermeticOktaClient, generateServiceKey } from "@/lib/sandbox/okta/okta-test-support";
import { parseSandboxSettings } from "@/lib/sandbox/run/sandbox-settings";
import { startSandboxes } from "@/lib/sandbox/run/start-sandboxes";

const people = Number(process.env.BENCH_USERS ?? 100_000);
const dataDir = resolveDataDir();
await ensureSandboxCaTrusted(dataDir); // the Entra sandbox is https with a local CA
const settings = parseSandboxSettings({ SANDBOX_USERS: String(people), SANDBOX_ENTRA_PORT: "0", SANDBOX_OKTA_PORT: "0" });
const sandboxes = await startSandboxes(settings, dataDir);

function report(label: string, count: number, pages: number, started: number): void {
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(count / seconds).toLocaleString("en");
  process.stdout.write(`${label.padEnd(40)} ${String(count).padStart(7)} people ${String(pages).padStart(5)} pages ${seconds.toFixed(2).padStart(7)} s ${rate.padStart(8)} people/s\n`);
}

process.stdout.write(`Sandbox tenants with ${people.toLocaleString("en")} employees each\n`);

{
  const { connection, url } = sandboxes.entra;
  const consent = await fetch(`${url}/${connection.tenantId}/adminconsent/decision`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ version: "v2", client_id: connection.clientId, redirect_uri: "http://localhost:3000/api/iam/entra/consent/callback", scope: "https://graph.microsoft.com/.default", state: "bench", decision: "approve" }),
  });
  if (consent.status !== 302) throw new Error(`consent answered ${consent.status}`);
  const tokenResponse = await fetch(`${url}/${connection.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: connection.clientId, client_secret: connection.clientSecret, scope: "https://graph.microsoft.com/.default" }),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const select = "id,givenName,surname,userPrincipalName,mail,mobilePhone,streetAddress,city,state,postalCode,country,accountEnabled";
  const started = performance.now();
  let next: string | undefined = `${url}/v1.0/groups/${connection.groupId}/transitiveMembers/microsoft.graph.user?$select=${select}&$top=999`;
  let count = 0;
  let pages = 0;
  while (next) {
    const response = await fetch(next, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`Graph answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as { value: unknown[]; "@odata.nextLink"?: string };
    count += page.value.length;
    pages += 1;
    next = page["@odata.nextLink"];
  }
  report("Entra Graph transitiveMembers ($top=999)", count, pages, started);
}

{
  const { connection, sandbox } = sandboxes.okta;
  const key = await generateServiceKey("bench");
  sandbox.registerPublicKeys(connection.clientId, { keys: [key.publicJwk] });
  const client = createHermeticOktaClient({ orgUrl: connection.orgUrl, clientId: connection.clientId, scopes: ["okta.groups.read", "okta.users.manage"], key });
  const started = performance.now();
  let count = 0;
  const collection = await client.groupApi.listGroupUsers({ groupId: connection.groupId, limit: 200 });
  for await (const user of collection) if (user) count += 1;
  report("Okta SDK group users (limit=200)", count, Math.ceil(count / 200), started);
}

const memory = process.memoryUsage();
process.stdout.write(`heap used ${(memory.heapUsed / 1048576).toFixed(0)} MiB, rss ${(memory.rss / 1048576).toFixed(0)} MiB (both tenants, app and client in one process)\n`);
await sandboxes.close();
process.exit(0);
