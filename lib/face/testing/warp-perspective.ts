import type { RgbFrame } from "./write-y4m";

type Point = [number, number];

/**
 * Renders a flat photo as if the print were turned about its vertical axis by `degrees` (positive: the image's
 * right edge moves away from the camera; "horizontal": the bottom edge moves away), with a pinhole camera at `distance` image-widths: what an attacker
 * holding a photo and rotating it in front of the camera produces. Used to check that a 2-D picture turned in
 * space does not read as a turned head. Output has the input's size, background black.
 */
export function turnPhoto(frame: RgbFrame, degrees: number, axis: "vertical" | "horizontal" = "vertical", distance = 2): RgbFrame {
  const { width, height } = frame;
  const theta = (degrees * Math.PI) / 180;
  const focal = distance * width;
  // Pinhole projection of each corner of the rotated print (the print's centre stays at depth `focal`).
  const project = ([u, v]: Point): Point => {
    const du = u - width / 2;
    const dv = v - height / 2;
    const along = axis === "vertical" ? du : dv;
    const z = along * Math.sin(theta);
    const scale = focal / (focal + z);
    const x = axis === "vertical" ? du * Math.cos(theta) : du;
    const y = axis === "vertical" ? dv : dv * Math.cos(theta);
    return [width / 2 + x * scale, height / 2 + y * scale];
  };
  const source: Point[] = [[0, 0], [width, 0], [width, height], [0, height]];
  return warpQuad(frame, source.map(project));
}

/** Maps the whole input onto the quadrilateral `corners` (top-left, top-right, bottom-right, bottom-left). */
export function warpQuad(frame: RgbFrame, corners: Point[]): RgbFrame {
  const { width, height, data } = frame;
  const source: Point[] = [[0, 0], [width, 0], [width, height], [0, height]];
  // Inverse mapping: for each output pixel, where in the input it comes from.
  const h = homography(corners, source);
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = h[6] * x + h[7] * y + 1;
      const sx = (h[0] * x + h[1] * y + h[2]) / w;
      const sy = (h[3] * x + h[4] * y + h[5]) / w;
      if (sx < 0 || sy < 0 || sx > width - 1 || sy > height - 1) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 3; c++) {
        const at = (px: number, py: number): number => data[(Math.min(py, height - 1) * width + Math.min(px, width - 1)) * 3 + c] ?? 0;
        const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
        const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
        out[(y * width + x) * 3 + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { data: out, width, height };
}

/** The 3x3 homography (h8 = 1) taking each `from` point to the matching `to` point, by Gaussian elimination. */
function homography(from: Point[], to: Point[]): [number, number, number, number, number, number, number, number] {
  const rows: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i] ?? [0, 0];
    const [u, v] = to[i] ?? [0, 0];
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(rows[r]?.[col] ?? 0) > Math.abs(rows[pivot]?.[col] ?? 0)) pivot = r;
    const swap = rows[col] ?? [];
    rows[col] = rows[pivot] ?? [];
    rows[pivot] = swap;
    const lead = rows[col] ?? [];
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const row = rows[r] ?? [];
      const factor = (row[col] ?? 0) / (lead[col] ?? 1);
      for (let k = col; k < 9; k++) row[k] = (row[k] ?? 0) - factor * (lead[k] ?? 0);
    }
  }
  const solve = (i: number): number => (rows[i]?.[8] ?? 0) / (rows[i]?.[i] ?? 1);
  return [solve(0), solve(1), solve(2), solve(3), solve(4), solve(5), solve(6), solve(7)];
}
