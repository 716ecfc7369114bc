// Trunk post_build hook: allow the page's inline <script> blocks (Trunk's wasm loader) in the
// Content-Security-Policy by their SHA-256 hashes, so script-src needs no 'unsafe-inline'.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("csp-hash: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
  process.exit(1);
}
const file = join(dir, "index.html");
const html = readFileSync(file, "utf8");
const hashes = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
if (!html.includes("CSP_SCRIPT_HASHES")) {
  console.error("csp-hash: no CSP_SCRIPT_HASHES placeholder in index.html");
  process.exit(1);
}
writeFileSync(file, html.replace("CSP_SCRIPT_HASHES", hashes.join(" ")));
console.log(`csp-hash: allowed ${hashes.length} inline script(s)`);
