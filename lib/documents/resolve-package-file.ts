// Node's resolver is fetched through process.getBuiltinModule on purpose: the Next.js server bundler traces
// `createRequire(...)` from "node:module" and replaces `.resolve()` of non-JavaScript files (wasm, traineddata)
// with a stub that throws "expression is too dynamic". Reached this way, the real resolver walks up from this
// file to node_modules in every runtime (tsx, vitest, the built server).
const { createRequire } = process.getBuiltinModule("node:module");

/** Absolute path of a file an npm package ships (the packages stay server-external, read from node_modules). */
export function resolvePackageFile(specifier: string): string {
  return createRequire(import.meta.url).resolve(specifier);
}
