/** `npm run dev`: the whole product on embedded defaults, with hot reload. */
import { runServer } from "@/lib/cli/run-server";

await runServer("development");
