// Trunk post_build hook. Trunk starts all hooks of a stage at once, and these steps rewrite
// index.html, so this one hook runs them in order: the page's wasm cut into its parts, the
// CSP's script hashes, then the offline copy's file list and version (which covers the
// finished page).
await import("./split.mjs");
await import("./csp-hash.mjs");
await import("./offline.mjs");
