/**
 * `npm run bench:face`: the face engine measured on the labelled real-face set (lib/face/testing/faces, see its
 * README for sources and licences). Every image is analysed once; the largest face of each is compared with
 * every other image's. Prints: engine load time; false-match rate (different people at or above the threshold)
 * and false-non-match rate (same person below it) at DEFAULT_FACE_MATCH_THRESHOLD and a small table around it;
 * the similarity distributions; anti-spoof and liveness scores on these real (bona fide) photos; seconds per
 * verification (portrait analysis + selfie analysis + compare) and peak RSS. BENCH_VERBOSE=1 lists the errors
 * at the threshold. A measurement, not a test: it asserts nothing.
 */
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { loadHeadTurn } from "@/lib/face/testing/load-head-turn";
import { EMPLOYEE_BUNDLE_BUDGET_KB, formatBundleReport, measureEmployeeBundles } from "@/lib/cli/measure-employee-bundle";
import { getFaceEngine, faceEngineMemory, releaseFaceEngine } from "@/lib/face/face-engine";
import type { DetectedFace } from "@/lib/face/face-analysis";
import { faceSimilarity } from "@/lib/face/face-similarity";
import { DEFAULT_FACE_MATCH_THRESHOLD } from "@/lib/face/match-threshold";
import { assessFaceQuality } from "@/lib/face/assess-face-quality";
import { loadFaceSet, type FaceSetImage } from "@/lib/face/testing/load-face-set";

const verbose = process.env.BENCH_VERBOSE === "1";
const seconds = (ms: number): string => (ms / 1000).toFixed(2);
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
let peakRss = process.memoryUsage().rss;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

function quantiles(values: number[]): string {
  if (values.length === 0) return "n=0";
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(3);
  return `n=${sorted.length} min ${at(0)} p05 ${at(0.05)} p25 ${at(0.25)} median ${at(0.5)} p75 ${at(0.75)} p95 ${at(0.95)} max ${(sorted.at(-1) ?? 0).toFixed(3)}`;
}

type Analysed = { item: FaceSetImage; face: DetectedFace | null; faces: number; ms: number; quality: string };
type Pair = { a: Analysed; b: Analysed; similarity: number; same: boolean };

async function main(): Promise<void> {
  const set = await loadFaceSet();
  const loadStarted = performance.now();
  const engine = await getFaceEngine();
  const loadMs = performance.now() - loadStarted;
  sampleRss();
  print(`engine load ${seconds(loadMs)} s (${(await faceEngineMemory())?.backend ?? "?"} backend), set: ${set.length} images of ${new Set(set.map((s) => s.person)).size} people`);

  const first = performance.now();
  await engine.analyze(set[0]?.image ?? Buffer.alloc(0));
  print(`first analysis (cold) ${seconds(performance.now() - first)} s`);

  const analysed: Analysed[] = [];
  for (const item of set) {
    const started = performance.now();
    const analysis = await engine.analyze(item.image);
    const ms = performance.now() - started;
    sampleRss();
    const quality = assessFaceQuality(analysis);
    analysed.push({ item, face: analysis.faces[0] ?? null, faces: analysis.faces.length, ms, quality: quality.ok ? "ok" : quality.reasons.map((r) => r.code).join(",") });
  }
  const noFace = analysed.filter((a) => a.face == null || a.face.descriptor.length === 0);
  print(`images without a usable face: ${noFace.length}${noFace.length ? ` (${noFace.map((a) => a.item.file).join(", ")})` : ""}`);
  const poorQuality = analysed.filter((a) => a.quality !== "ok");
  print(`images failing assessFaceQuality: ${poorQuality.length}${poorQuality.length ? ` (${poorQuality.map((a) => `${a.item.file}: ${a.quality}`).join("; ")})` : ""}`);

  const usable = analysed.filter((a) => a.face != null && a.face.descriptor.length > 0);
  const pairs: Pair[] = [];
  for (let i = 0; i < usable.length; i++) {
    for (let j = i + 1; j < usable.length; j++) {
      const a = usable[i];
      const b = usable[j];
      if (!a?.face || !b?.face) continue;
      pairs.push({ a, b, similarity: faceSimilarity(a.face.descriptor, b.face.descriptor), same: a.item.person === b.item.person });
    }
  }
  const genuine = pairs.filter((p) => p.same);
  const impostor = pairs.filter((p) => !p.same);
  print(`\npairs: ${genuine.length} same-person, ${impostor.length} different-person`);
  print(`similarity same-person      ${quantiles(genuine.map((p) => p.similarity))}`);
  print(`similarity different-person ${quantiles(impostor.map((p) => p.similarity))}`);

  for (const source of new Set(usable.map((a) => a.item.source))) {
    const within = pairs.filter((p) => p.a.item.source === source && p.b.item.source === source);
    print(`  within ${source}: same-person ${quantiles(within.filter((p) => p.same).map((p) => p.similarity))}`);
    print(`  within ${source}: different   ${quantiles(within.filter((p) => !p.same).map((p) => p.similarity))}`);
  }

  const rates = (threshold: number): { fmr: number; fnmr: number; fm: number; fnm: number } => {
    const fm = impostor.filter((p) => p.similarity >= threshold).length;
    const fnm = genuine.filter((p) => p.similarity < threshold).length;
    return { fm, fnm, fmr: fm / Math.max(1, impostor.length), fnmr: fnm / Math.max(1, genuine.length) };
  };
  print("\nthreshold   FMR (false matches)     FNMR (false non-matches)");
  const table = [0.4, 0.45, 0.5, 0.55, 0.575, 0.6, 0.625, 0.65, 0.7];
  if (!table.includes(DEFAULT_FACE_MATCH_THRESHOLD)) table.push(DEFAULT_FACE_MATCH_THRESHOLD);
  for (const threshold of table.sort((a, b) => a - b)) {
    const r = rates(threshold);
    const mark = threshold === DEFAULT_FACE_MATCH_THRESHOLD ? "  <- default" : "";
    print(`  ${threshold.toFixed(3)}     ${(100 * r.fmr).toFixed(2).padStart(6)} % (${r.fm}/${impostor.length})`.padEnd(38) + `${(100 * r.fnmr).toFixed(2).padStart(6)} % (${r.fnm}/${genuine.length})${mark}`);
  }
  if (verbose) {
    for (const p of pairs) {
      const wrong = p.same ? p.similarity < DEFAULT_FACE_MATCH_THRESHOLD : p.similarity >= DEFAULT_FACE_MATCH_THRESHOLD;
      if (wrong) print(`  ${p.same ? "non-match" : "false match"} ${p.similarity.toFixed(3)} ${p.a.item.file} ~ ${p.b.item.file}`);
    }
  }

  const faces = usable.flatMap((a) => (a.face ? [a.face] : []));
  print("\npresentation-attack scores on these real photos (1 = real/live):");
  for (const source of new Set(usable.map((a) => a.item.source))) {
    const ofSource = usable.filter((a) => a.item.source === source).flatMap((a) => (a.face ? [a.face] : []));
    print(`  ${source.padEnd(17)} antispoof ${quantiles(ofSource.map((f) => f.antispoofScore))}`);
    print(`  ${"".padEnd(17)} liveness  ${quantiles(ofSource.map((f) => f.livenessScore))}`);
  }
  print(`  all               antispoof ${quantiles(faces.map((f) => f.antispoofScore))}`);
  print(`  all               liveness  ${quantiles(faces.map((f) => f.livenessScore))}`);

  // One verification as the product runs it: the portrait and the selfie analysed, then compared, at the size
  // a phone camera or a document photo arrives in after the engine's downscale (1280 px long side).
  const full = await Promise.all(
    set.filter((item) => item.source === "face_recognition").slice(0, 6).map((item) => sharp(item.image).resize({ width: 1280, height: 960, fit: "cover" }).jpeg({ quality: 90 }).toBuffer()),
  );
  const verifyMs: number[] = [];
  for (let i = 0; i + 1 < full.length; i += 2) {
    const portrait = full[i];
    const selfie = full[i + 1];
    if (!portrait || !selfie) continue;
    const started = performance.now();
    const [a, b] = [await engine.analyze(portrait), await engine.analyze(selfie)];
    faceSimilarity(a.faces[0]?.descriptor ?? [], b.faces[0]?.descriptor ?? []);
    verifyMs.push(performance.now() - started);
    sampleRss();
  }
  const perImage = analysed.map((a) => a.ms).sort((a, b) => a - b);
  print(`\nseconds per image analysis: median ${seconds(perImage[Math.floor(perImage.length / 2)] ?? 0)} max ${seconds(perImage.at(-1) ?? 0)} (images up to 640 px)`);
  print(`seconds per verification (portrait + selfie + compare, both 1280x960 JPEG): ${verifyMs.map(seconds).join(", ")}`);
  // A whole live check as the server runs it: the document's portrait and the four challenge frames.
  const footage = new Map((await loadHeadTurn()).map((frame) => [frame.file, frame.image]));
  const checkFrames = ["miranda-016.jpg", "miranda-021.jpg", "miranda-028.jpg", "miranda-031.jpg"].flatMap((file) => footage.get(file) ?? []);
  const checkMs: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    for (const image of [full[0]!, ...checkFrames]) await engine.analyze(image);
    checkMs.push(performance.now() - started);
    sampleRss();
  }
  print(`seconds per live check (portrait + 4 challenge frames): ${checkMs.map(seconds).join(", ")}`);
  const memory = await faceEngineMemory();
  print(`peak RSS ${mib(peakRss)}, tensors held ${memory?.numTensors ?? "?"} (${mib(memory?.numBytes ?? 0)})`);
  await releaseFaceEngine();
  try {
    print(`\nEmployee pages, JavaScript downloaded (budget ${EMPLOYEE_BUNDLE_BUDGET_KB} KB gzipped, no ML in the browser):\n${formatBundleReport(measureEmployeeBundles()).join("\n")}`);
  } catch (error) {
    print(`\nEmployee bundle: not measured (${error instanceof Error ? error.message : String(error)})`);
  }
}

await main();
