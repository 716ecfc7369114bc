// Trunk post-build step (scripts/post-build.mjs runs it first): cuts the page's wasm module into
// the part its first screen needs and the parts it fetches after (src/app/deferred.rs), which
// Trunk cannot do itself. From the module cargo linked for Trunk (with its relocations, kept by
// build.rs for this):
//
//   1. wasm-split-cli: the main module, one module per split point (`split_<name>.wasm`), one
//      chunk per set of split points sharing code (`chunk_<n>.wasm`), and their loader
//      (`__wasm_split.js`, which fetches a part relative to its own address);
//   2. wasm-bindgen on the main module, as Trunk runs it, keeping the exports the parts link to;
//   3. wasm-opt -Oz on every module (release builds), with index.html's
//      data-split-wasm-opt-params;
//   4. every new file named after its content (the service worker and HTTP caches treat hashed
//      names as immutable), and the loader preloaded beside the glue in index.html, the
//      preloads first in its <head>;
//   5. the glue and the main module replace Trunk's (same names), with their integrity hashes.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("split: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
  process.exit(1);
}
const fail = (msg) => {
  console.error(`split: ${msg}`);
  process.exit(1);
};
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "pipe", "inherit"] }).toString();
const sha = (algorithm, data) => createHash(algorithm).update(data);
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const contentName = (stem, ext, data) => `${stem}-${sha("sha256", data).digest("hex").slice(0, 16)}${ext}`;

const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const htmlFile = join(staging, "index.html");
let html = readFileSync(htmlFile, "utf8");
const pageLink = readFileSync(join(source, "index.html"), "utf8").match(/<link data-trunk rel="rust" data-bin="isoflop"[^>]*>/);
if (!pageLink) fail('no <link data-trunk rel="rust" data-bin="isoflop"> in index.html');
const attr = (name) => pageLink[0].match(new RegExp(`${name}="([^"]*)"`))?.[1];
const release = process.env.TRUNK_PROFILE === "release";
const profile = release ? attr("data-cargo-profile-release") ?? "release" : "debug";
const optParams = (attr("data-split-wasm-opt-params") ?? "").split(/\s+/).filter(Boolean);

const targetDir = JSON.parse(run("cargo", ["metadata", "--format-version", "1", "--no-deps", "--offline"])).target_directory;
const linked = join(targetDir, "wasm32-unknown-unknown", profile, "isoflop.wasm");
if (!existsSync(linked)) fail(`${linked} is missing`);

// Trunk's names for the page's glue and module: isoflop-<hash>.js and isoflop-<hash>_bg.wasm.
const glue = readdirSync(staging).find((f) => /^isoflop-[0-9a-f]{16}\.js$/.test(f));
if (!glue) fail("Trunk's isoflop-<hash>.js is not in the staging directory");
const stem = glue.slice(0, -3);

const work = mkdtempSync(join(tmpdir(), "isoflop-split-"));
try {
  const parts = join(work, "parts");
  const bound = join(work, "bound");
  run("wasm-split-cli", [linked, parts, "--out-name", stem]);
  run("wasm-bindgen", ["--target", "web", "--no-typescript", "--keep-lld-exports", "--out-dir", bound, "--out-name", stem, join(parts, `${stem}.wasm`)]);

  const optimise = (from, to) => {
    if (release) run("wasm-opt", ["-Oz", ...optParams, from, "-o", to]);
    else copyFileSync(from, to);
    // NAMED_DIR=dir: a twin of every module with its function names, for twiggy, to see what a
    // part or chunk holds when its size moves.
    if (release && process.env.NAMED_DIR) run("wasm-opt", ["-Oz", "-g", ...optParams, from, "-o", join(process.env.NAMED_DIR, basename(to))]);
  };
  const modules = readdirSync(parts).filter((f) => f.endsWith(".wasm") && f !== `${stem}.wasm`);
  if (!modules.some((f) => f.startsWith("split_"))) fail("wasm-split-cli found no split point");
  let loader = readFileSync(join(parts, "__wasm_split.js"), "utf8");
  const written = [];
  for (const file of modules) {
    const optimised = join(work, file);
    optimise(join(parts, file), optimised);
    const name = contentName(`isoflop-${file.replace(/\.wasm$/, "").replace(/_/g, "-")}`, ".wasm", readFileSync(optimised));
    const quoted = `"./${file}"`;
    if (!loader.includes(quoted)) fail(`the loader does not name ${file}`);
    loader = loader.replaceAll(quoted, `"./${name}"`);
    renameSync(optimised, join(staging, name));
    written.push(name);
  }
  const loaderName = contentName("isoflop-split", ".js", loader);
  writeFileSync(join(staging, loaderName), loader);

  let glueText = readFileSync(join(bound, `${stem}.js`), "utf8");
  // One import statement per split point, each of the same file.
  const importLine = /(import \* as \w+ from ")\.\/__wasm_split\.js(")/g;
  if (!importLine.test(glueText)) fail("the glue does not import ./__wasm_split.js");
  glueText = glueText.replace(importLine, `$1./${loaderName}$2`);
  writeFileSync(join(staging, glue), glueText);
  optimise(join(bound, `${stem}_bg.wasm`), join(staging, `${stem}_bg.wasm`));
  // `make bench` asks for a twin of the main module with its function names, for twiggy.
  const named = process.env.ISOFLOP_SPLIT_NAMED;
  if (named) run("wasm-opt", ["-Oz", "-g", ...optParams, join(bound, `${stem}_bg.wasm`), "-o", named]);

  // Trunk's preload links carry integrity hashes of the files replaced above.
  const integrity = (file) => `sha384-${sha("sha384", readFileSync(join(staging, file))).digest("base64")}`;
  for (const file of [glue, `${stem}_bg.wasm`]) {
    const link = new RegExp(`(href="[^"]*/${escape(file)}"[^>]*integrity=")[^"]*(")`);
    if (!link.test(html)) fail(`no preload link with integrity for ${file} in index.html`);
    html = html.replace(link, `$1${integrity(file)}$2`);
  }
  // The glue imports the loader: fetch it with the glue rather than one round trip later.
  const gluePreload = html.match(new RegExp(`<link rel="modulepreload" href="([^"]*)${escape(glue)}"[^>]*>`));
  if (!gluePreload) fail(`no modulepreload link for ${glue} in index.html`);
  html = html.replace(
    gluePreload[0],
    `${gluePreload[0]}<link rel="modulepreload" href="${gluePreload[1]}${loaderName}" crossorigin="anonymous" integrity="${integrity(loaderName)}">`,
  );
  // The preloads first in <head> (Trunk writes them last): the page's code is asked for before
  // the browser reads the rest of the head.
  const preloads = html.match(/<link rel="(?:modulepreload|preload)"[^>]*>/g) ?? [];
  for (const link of preloads) html = html.replace(link, "");
  html = html.replace(/(<meta charset="utf-8" \/>\n)/, `$1    ${preloads.join("\n    ")}\n`);
  if (!preloads.every((link) => html.includes(link))) fail("could not move the preload links");
  writeFileSync(htmlFile, html);
  console.log(`split: ${stem} into the main module and ${written.join(", ")} (loader ${loaderName})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
