// isoflop's service worker: keeps this build's own files so the page opens and computes with
// the network off. scripts/offline.mjs (the Trunk post-build hook) replaces the BUILD line with
// the build's version (a hash of all its files) and their paths relative to this file.
//
// - Install: fetch every file of this build into a cache named after the build's version; the
//   page's HTML must carry that version, or the install fails (a newer deployment half-seen).
// - Navigation: network first, so an online visit always gets the deployed page; offline, the
//   cached page of this build. Never a runtime write into a cache: a cache holds one build.
// - Everything else in scope: this build's cache first (the file names carry content hashes),
//   then the network.
// - Activate: delete the caches of other builds under this scope, take over open pages.
const BUILD = "ISOFLOP_BUILD";

const SCOPE = new URL("./", self.location.href).href;
const PREFIX = `isoflop ${SCOPE} `;
const CACHE = PREFIX + BUILD.version;
const PAGE = "index.html";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      // no-cache: revalidate with the server rather than take an older copy from the HTTP cache.
      const fetched = await Promise.all(
        BUILD.files.map(async (file) => {
          const response = await fetch(new Request(new URL(file, SCOPE), { cache: "no-cache" }));
          if (!response.ok) throw new Error(`isoflop offline copy: ${file} answered ${response.status}`);
          return [file, response];
        }),
      );
      const page = fetched.find(([file]) => file === PAGE);
      if (!page || !(await page[1].clone().text()).includes(BUILD.version)) {
        throw new Error("isoflop offline copy: the page is not of this build");
      }
      const cache = await caches.open(CACHE);
      await Promise.all(fetched.map(([file, response]) => cache.put(new URL(file, SCOPE), response)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

async function cachedPage() {
  const cache = await caches.open(CACHE);
  return (await cache.match(new URL(PAGE, SCOPE))) ?? Response.error();
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(request, { ignoreSearch: true })) ?? fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(cachedPage));
  } else {
    event.respondWith(cacheFirst(request));
  }
});
