import path from "node:path";
import { createWorker, OEM, PSM, type Worker } from "tesseract.js";
import { resolvePackageFile } from "../resolve-package-file";

let worker: Promise<Worker> | null = null;
// One worker, one job at a time: tesseract's wasm worker is single-threaded and holds ~100 MB.
let queue: Promise<unknown> = Promise.resolve();

/**
 * The LSTM "best_int" English model from @tesseract.js-data/eng, read from node_modules: gzip because that
 * package ships .traineddata.gz, cacheMethod "none" so nothing is written to the working directory and nothing
 * is fetched from a CDN (decision 65).
 */
function languageFolder(): string {
  const packageJson = resolvePackageFile("@tesseract.js-data/eng/package.json");
  return path.join(path.dirname(packageJson), "4.0.0_best_int");
}

async function startWorker(): Promise<Worker> {
  const created = await createWorker("eng", OEM.LSTM_ONLY, { langPath: languageFolder(), gzip: true, cacheMethod: "none" });
  await created.setParameters({
    // A card's front is scattered short fields (labels, values, a portrait), not paragraphs.
    tessedit_pageseg_mode: PSM.SPARSE_TEXT,
    // PNGs from sharp carry no usable DPI; without this tesseract warns on every call.
    user_defined_dpi: "300",
    // tesseract's own notes ("Detected 57 diacritics") go to stdout otherwise: into the server's log on every front.
    debug_file: "/dev/null",
  });
  return created;
}

function getWorker(): Promise<Worker> {
  worker ??= startWorker().catch((error: unknown) => {
    worker = null;
    throw error;
  });
  return worker;
}

/** Reads the printed text of a PNG; calls are serialised through the one shared worker. */
export function recognizeFrontText(png: Buffer): Promise<string> {
  const job = queue.then(async () => {
    const result = await (await getWorker()).recognize(png);
    return result.data.text;
  });
  queue = job.catch(() => undefined);
  return job;
}

/** Loads the text model ahead of the first front (server warm-up). */
export async function warmUpFrontText(): Promise<void> {
  await getWorker();
}

/** Stops the OCR worker (it keeps the process alive); the next read starts a new one. */
export async function terminateFrontText(): Promise<void> {
  const current = worker;
  worker = null;
  if (!current) return;
  await queue;
  await (await current.catch(() => null))?.terminate();
}
