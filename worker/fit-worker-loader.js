// Starts the fitter's web worker: wasm-bindgen's glue, then the wasm (both beside the page).
// A wasm that fails to load is thrown again outside its promise, so the page's `error` handler
// hears of it (a rejected promise alone would leave the page waiting).
importScripts("./fit-worker.js");
wasm_bindgen("./fit-worker_bg.wasm").catch((e) =>
  setTimeout(() => {
    throw e;
  }),
);
