// Trunk post-build step (scripts/post-build.mjs runs it after csp-hash.mjs): makes the build
// work offline and installable. It lists every file of the build, derives the build's version
// from their contents, writes both into the staged sw.js (its `const BUILD = …;` line) and the
// version into index.html's <meta name="isoflop-build">, whose data-service-worker, like the
// manifest and icon links, gets the build's public URL (`--public-url`, e.g. /isoflop/) in
// place of "PUBLIC_URL/". The version leaves itself and the BUILD line out of the hash, so
// running this again on a finished dist/ gives the same version (the end-to-end tests run it
// on an edited copy of dist/ to make a new deployment).
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("offline: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
  process.exit(1);
}
let publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
if (!publicUrl.endsWith("/")) publicUrl += "/";

const META = /(<meta name="isoflop-build" content=")[^"]*(")/;
const BUILD_LINE = /^const BUILD = .*;$/m;
const fail = (msg) => {
  console.error(`offline: ${msg}`);
  process.exit(1);
};

const walk = (d) =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(d, e.name)) : [relative(dir, join(d, e.name)).split(sep).join("/")],
  );
const files = walk(dir).sort();
if (!files.includes("index.html") || !files.includes("sw.js")) fail("index.html or sw.js is missing");

const htmlFile = join(dir, "index.html");
// The comments in index.html and sw.js are for whoever reads the sources, not for every visitor:
// the shipped copies leave them out (about 1 KB of the first load, gzipped). Only whole HTML
// comments and whole-line `//` comments go, so no code or string can be touched.
const html = readFileSync(htmlFile, "utf8")
  .replaceAll("PUBLIC_URL/", publicUrl)
  .replace(/[ \t]*<!--[\s\S]*?-->\n?/g, "");
if (!META.test(html)) fail('no <meta name="isoflop-build"> in index.html');
const swFile = join(dir, "sw.js");
const sw = readFileSync(swFile, "utf8").replace(/^[ \t]*\/\/.*\n/gm, "");
if (!BUILD_LINE.test(sw)) fail("no `const BUILD = …;` line in sw.js");

// What each file is, for the version: the page and the worker without what this step writes.
const content = (file) => {
  if (file === "index.html") return html.replace(META, "$1$2");
  if (file === "sw.js") return sw.replace(BUILD_LINE, "");
  return readFileSync(join(dir, file));
};
const all = createHash("sha256");
for (const file of files) {
  all.update(`${file}\n${createHash("sha256").update(content(file)).digest("hex")}\n`);
}
const version = all.digest("hex").slice(0, 16);

const cached = files.filter((f) => f !== "sw.js");
writeFileSync(htmlFile, html.replace(META, `$1${version}$2`));
writeFileSync(swFile, sw.replace(BUILD_LINE, `const BUILD = ${JSON.stringify({ version, files: cached })};`));
console.log(`offline: build ${version}, ${cached.length} files for the offline copy, under ${publicUrl}`);
