import type { FaceResult } from "@vladmandic/human";
import { BoundedWorkQueue } from "@/lib/documents/bounded-work-queue";
import { decodeImage } from "@/lib/documents/decode-image";
import type { DetectedFace, FaceAnalysis, FaceEngine } from "./face-analysis";
import { poseFromRotation } from "./face-pose";
import { normalizeDescriptor } from "./face-similarity";
import { loadHuman, type LoadedHuman } from "./load-human";
import { measureFaceExposure, type RawRgbImage } from "./measure-face-exposure";

/**
 * Long side the image is analysed at. The detector works at 256 px and the descriptor at 224 px crops, so a
 * 12-megapixel selfie gains nothing above this but costs decode time and memory; a face that is small at this
 * size is too small for a match anyway (assessFaceQuality says so).
 */
const ANALYSIS_SIDE = 1280;


let loading: Promise<Engine> | null = null;

/**
 * The process-wide engine, loaded on first use (about a second: models are read from the npm package, the
 * wasm backend compiles once). Concurrent first callers share one load; a failed load is forgotten so the next
 * caller retries instead of inheriting the failure forever.
 */
export function getFaceEngine(): Promise<FaceEngine> {
  if (loading == null) {
    const started = loadHuman().then((loaded) => new Engine(loaded));
    loading = started;
    started.catch(() => {
      if (loading === started) loading = null;
    });
  }
  return loading;
}

/** Drops the engine and its tensors (tests, scripts); the next getFaceEngine loads afresh. */
export async function releaseFaceEngine(): Promise<void> {
  const current = loading;
  loading = null;
  if (current == null) return;
  const engine = await current.catch(() => null);
  await engine?.release();
}

/** Heap and tensor figures for bench:face. */
export async function faceEngineMemory(): Promise<{ numTensors: number; numBytes: number; backend: string } | null> {
  const engine = await loading?.catch(() => null);
  return engine ? { ...engine.loaded.tf.memory(), backend: engine.loaded.tf.getBackend() } : null;
}

/**
 * human keeps per-call state and the wasm backend runs one op at a time, so analyses run one after another
 * (decoding included, so at most one decoded image is held). Sixteen may wait (a few verifications' portraits,
 * selfies and challenge frames, ~0.3 s each); beyond that WorkQueueFullError (from lib/documents) refuses at once
 * with a retry hint rather than letting a burst pile up images in memory.
 */
const FACE_QUEUE = { name: "face engine", concurrency: 1, maxWaiting: 16, secondsPerTask: 0.5 };

class Engine implements FaceEngine {
  private readonly queue = new BoundedWorkQueue(FACE_QUEUE);
  private idle: Promise<unknown> = Promise.resolve();

  constructor(readonly loaded: LoadedHuman) {}

  analyze(image: Buffer): Promise<FaceAnalysis> {
    const run = this.queue.run(() => this.analyzeNow(image));
    this.idle = Promise.allSettled([this.idle, run]);
    return run;
  }

  async release(): Promise<void> {
    await this.idle;
    this.loaded.human.models.reset();
    const engine: { disposeVariables?: () => void } = this.loaded.human.tf.engine();
    engine.disposeVariables?.();
  }

  private async analyzeNow(image: Buffer): Promise<FaceAnalysis> {
    const raw = await decodeForAnalysis(image);
    const padded = padToAspect(raw);
    const tensor = this.loaded.tf.tensor3d(padded.data, [padded.height, padded.width, 3], "int32");
    let faces: FaceResult[];
    try {
      const result = await this.loaded.human.detect(tensor);
      faces = result.face;
    } finally {
      tensor.dispose();
    }
    return { width: raw.width, height: raw.height, faces: faces.map((face) => toDetectedFace(face, raw, padded)).sort((a, b) => area(b) - area(a)) };
  }
}

async function decodeForAnalysis(image: Buffer): Promise<RawRgbImage> {
  // decodeImage applies the upload rules (format allowlist, pixel cap) and the EXIF orientation.
  const decoded = await decodeImage(image);
  const { data, info } = await decoded
    .pipeline()
    .resize({ width: ANALYSIS_SIDE, height: ANALYSIS_SIDE, fit: "inside", withoutEnlargement: true })
    .removeAlpha()
    .toColourspace("srgb")
    .raw()
    .toBuffer({ resolveWithObject: true });
  // removeAlpha + sRGB always gives 3 channels (greyscale is expanded); padToSquare and the tensor rely on it.
  if (info.channels !== 3) throw new Error(`face engine: expected 3 channels, got ${info.channels}`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, channels: 3 };
}

/**
 * The detector sees the image squashed to 256x256; a wide or tall image distorts faces until they are missed (a
 * 900x200 strip with two faces: none found; padded: both). Images more elongated than 16:9 are padded (right or
 * bottom, black) to 16:9; the boxes are mapped back to the unpadded image in toDetectedFace. Not to a square:
 * padding a 16:9 webcam frame made the detector see extra "faces" in a background (fr-obama-4 mirrored: 3) and
 * changed nothing else measurable on the set (bench:face, 1/1.34/1.78/none compared).
 */
const MAX_ASPECT = 16 / 9;
function padToAspect(raw: RawRgbImage): { data: Uint8Array; width: number; height: number } {
  const width = Math.max(raw.width, Math.ceil(raw.height / MAX_ASPECT));
  const height = Math.max(raw.height, Math.ceil(raw.width / MAX_ASPECT));
  if (width === raw.width && height === raw.height) return raw;
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < raw.height; y++) {
    out.set(raw.data.subarray(y * raw.width * 3, (y + 1) * raw.width * 3), y * width * 3);
  }
  return { data: out, width, height };
}

function toDetectedFace(face: FaceResult, raw: RawRgbImage, padded: { width: number; height: number }): DetectedFace {
  const [x, y, width, height] = face.boxRaw;
  const sx = padded.width / raw.width;
  const sy = padded.height / raw.height;
  const box = clampBox({ x: x * sx, y: y * sy, width: width * sx, height: height * sy });
  const pose = poseFromRotation(face.rotation?.angle);
  const descriptor = face.embedding && face.embedding.length > 0 ? normalizeDescriptor(face.embedding) : [];
  return {
    box,
    // boxScore is the detector's own confidence; `score` mixes in the mesh's, which is high for any crop.
    detectionScore: face.boxScore,
    descriptor,
    antispoofScore: face.real ?? 0,
    livenessScore: face.live ?? 0,
    // A face without mesh rotation keeps a neutral pose but is flagged incomplete: assessFaceQuality refuses it.
    pose: pose ?? { yawDegrees: 0, pitchDegrees: 0, rollDegrees: 0 },
    complete: pose != null && descriptor.length > 0 && face.real != null && face.live != null,
    exposure: measureFaceExposure(raw, box),
  };
}

function clampBox(box: { x: number; y: number; width: number; height: number }): DetectedFace["box"] {
  const x = Math.max(0, Math.min(1, box.x));
  const y = Math.max(0, Math.min(1, box.y));
  return { x, y, width: Math.max(0, Math.min(1 - x, box.width)), height: Math.max(0, Math.min(1 - y, box.height)) };
}

const area = (face: DetectedFace): number => face.box.width * face.box.height;
