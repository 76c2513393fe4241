import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const DIR = path.join(import.meta.dirname, "head-turn");

const manifestSchema = z.object({
  source: z.object({ repository: z.url(), commit: z.string().regex(/^[0-9a-f]{40}$/), path: z.string() }),
  frameSeconds: z.number().positive(),
  frames: z.array(z.string().regex(/^miranda-\d{3}\.jpg$/)).min(2),
});

export type HeadTurnFrame = { file: string; seconds: number; image: Buffer };

/** Real footage of one person turning his head (head-turn/README.md), frames in time order. */
export async function loadHeadTurn(): Promise<HeadTurnFrame[]> {
  const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(DIR, "manifest.json"), "utf8")));
  return Promise.all(
    manifest.frames.map(async (file) => ({
      file,
      seconds: Number(file.slice(8, 11)) * manifest.frameSeconds,
      image: await readFile(path.join(DIR, file)),
    })),
  );
}
