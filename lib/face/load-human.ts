import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Config, Human, Tensor3D } from "@vladmandic/human";

// Node's resolver is reached through process.getBuiltinModule for the reason lib/documents/resolve-package-file
// gives: the Next.js server bundler rewrites `createRequire` from "node:module", and here it would also try to
// bundle human and tfjs. Reached this way, human and its three tfjs packages load from node_modules at run time.
const { createRequire } = process.getBuiltinModule("node:module");
const nodeRequire = createRequire(import.meta.url);

/** Models are read from the package through this scheme; nothing is ever fetched over the network. */
const MODEL_SCHEME = "verifyd-face-model://";

/** The few tfjs calls the engine makes (human exposes its tfjs namespace untyped). */
export type TensorflowSubset = {
  tensor3d(values: Uint8Array, shape: [number, number, number], dtype: "int32"): Tensor3D;
  getBackend(): string;
  memory(): { numTensors: number; numBytes: number };
  io: {
    registerLoadRouter(router: (url: unknown) => { load(): Promise<unknown> } | null): void;
    getModelArtifactsForJSON(json: unknown, loadWeights: (manifest: WeightGroup[]) => Promise<[unknown[], ArrayBuffer]>): Promise<unknown>;
  };
};
type WeightGroup = { paths: string[]; weights: unknown[] };

export type LoadedHuman = { human: Human; tf: TensorflowSubset; modelsDir: string };

function packagePaths(): { humanScript: string; modelsDir: string; wasmDir: string } {
  // The package's `exports` map lists "dist/human.node-wasm.js" without "./", so the subpath cannot be required
  // by name; its main entry resolves, and the wasm build sits next to it.
  const distDir = path.dirname(nodeRequire.resolve("@vladmandic/human"));
  return {
    humanScript: path.join(distDir, "human.node-wasm.js"),
    modelsDir: path.join(distDir, "..", "models"),
    wasmDir: `${path.dirname(nodeRequire.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"))}/`,
  };
}

/**
 * Only what a verification needs: detector, mesh (pose), description (1024-d descriptor), anti-spoof and
 * liveness. Every cache and frame-skipping feature is off: each call is an unrelated image, and a cached result
 * from the previous caller's face must never leak into the next one's.
 */
function engineConfig(wasmDir: string): Partial<Config> {
  const everyFrame = { skipFrames: 0, skipTime: 0 };
  return {
    backend: "wasm",
    wasmPath: wasmDir,
    modelBasePath: MODEL_SCHEME,
    cacheModels: false,
    debug: false,
    async: true,
    warmup: "none",
    cacheSensitivity: 0,
    skipAllowed: false,
    deallocate: true,
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    face: {
      enabled: true,
      // rotation: the crop handed to the descriptor is levelled first, so a tilted selfie still matches.
      detector: { enabled: true, rotation: true, maxDetected: 5, minConfidence: 0.3, minSize: 0, return: false, ...everyFrame },
      mesh: { enabled: true },
      attention: { enabled: false },
      iris: { enabled: false },
      emotion: { enabled: false },
      description: { enabled: true, ...everyFrame },
      antispoof: { enabled: true, ...everyFrame },
      liveness: { enabled: true, ...everyFrame },
    },
  };
}

async function readModelArtifacts(tf: TensorflowSubset, modelsDir: string, name: string): Promise<unknown> {
  // The model names come from human's own config; basename keeps a crafted one inside the models folder.
  const json: unknown = JSON.parse(await readFile(path.join(modelsDir, path.basename(name)), "utf8"));
  return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
    const specs: unknown[] = [];
    const parts: Buffer[] = [];
    for (const group of manifest) {
      for (const file of group.paths) parts.push(await readFile(path.join(modelsDir, path.basename(file))));
      specs.push(...group.weights);
    }
    const weights = Buffer.concat(parts);
    return [specs, weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength)];
  });
}

let routerRegistered = false;

/** Creates human on the wasm backend with its models read from the package folder; resolves when all are loaded. */
export async function loadHuman(): Promise<LoadedHuman> {
  const { humanScript, modelsDir, wasmDir } = packagePaths();
  const humanModule: { Human: new (config: Partial<Config>) => Human } = nodeRequire(humanScript);
  const human = new humanModule.Human(engineConfig(wasmDir));
  const tf: TensorflowSubset = human.tf;
  // Node's fetch has no file:// and tfjs-core alone has no file handler: a load router for our own scheme
  // serves the package's files, so no global fetch is patched. The registry is process-wide, hence once.
  if (!routerRegistered) {
    tf.io.registerLoadRouter((url) => {
      if (typeof url !== "string" || !url.startsWith(MODEL_SCHEME)) return null;
      return { load: () => readModelArtifacts(tf, modelsDir, url.slice(MODEL_SCHEME.length)) };
    });
    routerRegistered = true;
  }
  await human.load();
  const missing = ["blazeface", "facemesh", "faceres", "antispoof", "liveness"].filter((name) => !modelLoaded(human, name));
  // human logs a failed model and carries on; a verification without, say, liveness must not look like a pass.
  if (missing.length > 0) throw new Error(`face models failed to load: ${missing.join(", ")}`);
  return { human, tf, modelsDir };
}

function modelLoaded(human: Human, name: string): boolean {
  const models: Record<string, unknown> = { ...human.models.models };
  return models[name] != null;
}
