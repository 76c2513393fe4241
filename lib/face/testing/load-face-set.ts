import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const FACES_DIR = path.join(import.meta.dirname, "faces");

const manifestSchema = z.object({
  sources: z.record(z.string(), z.object({ repository: z.url(), commit: z.string().regex(/^[0-9a-f]{40}$/), folder: z.string() })),
  images: z
    .array(
      z.object({
        file: z.string().regex(/^[a-z0-9-]+\.jpg$/),
        person: z.string().regex(/^[a-z0-9-]+$/),
        source: z.string(),
        original: z.string(),
      }),
    )
    .min(2),
});

export type FaceSetImage = { file: string; person: string; source: string; image: Buffer };

/** The labelled real-face set (lib/face/testing/faces/README.md), read and checked against its manifest. */
export async function loadFaceSet(): Promise<FaceSetImage[]> {
  const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(FACES_DIR, "manifest.json"), "utf8")));
  return Promise.all(
    manifest.images.map(async (entry) => {
      if (!(entry.source in manifest.sources)) throw new Error(`face set: ${entry.file} names unknown source ${entry.source}`);
      return { file: entry.file, person: entry.person, source: entry.source, image: await readFile(path.join(FACES_DIR, entry.file)) };
    }),
  );
}

/** One image of the set by file name (tests). */
export async function readFaceSetImage(file: string): Promise<Buffer> {
  return readFile(path.join(FACES_DIR, path.basename(file)));
}
