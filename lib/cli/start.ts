/** `npm start`: the production server (after `npm run build`). Uses DATABASE_URL when set. */
import { runServer } from "@/lib/cli/run-server";

await runServer("production");
