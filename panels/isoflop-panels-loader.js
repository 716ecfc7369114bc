// Starts the panels module (src/bin/isoflop-panels.rs): the page inserts this script once
// wasm-bindgen's glue, isoflop-panels.js, has run and defined `wasm_bindgen` (a script-scope
// name, not a property of window: hence this file). Both beside the page. On success the
// module's exports are `window.isoflopPanels` (tests and `make bench` use them) and the
// placeholder's data-state is "ready"; on failure
// the page hears of it through an event at the panels' placeholder and says so.
// The page asks for this build's files (`?v=` its version): never a cached glue of another.
const version = new URL(document.currentScript.src).search;
wasm_bindgen({ module_or_path: `./isoflop-panels_bg.wasm${version}` }).then(
  () => {
    window.isoflopPanels = wasm_bindgen;
    document.getElementById("panels")?.setAttribute("data-state", "ready");
  },
  (error) => {
    console.error("isoflop: the panels did not start:", error);
    document.getElementById("panels")?.dispatchEvent(new Event("isoflop-panels-failed"));
  },
);
