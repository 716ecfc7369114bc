// A static server for load benchmarks that behaves like a real host on a chosen link: files
// gzipped (level 9, as a CDN does; PNGs as they are), ETag validators with 304 answers (as
// GitHub Pages sends), and, when `link` is given, the link itself simulated on the server's
// side so that everything crossing it pays alike — the page's requests, its workers' and its
// service worker's (the browser's own throttling covers only the page's):
//
// - every new connection costs one round trip before its first request is answered (the TCP
//   handshake), and every request one round trip before its first byte;
// - all responses share one downlink of `kbit` kbit/s, taken in turns of 4 KB.
//
// Each response is logged: when it was asked for (ms since the server started), its path, the
// bytes sent and its status (304 for a copy the browser revalidated).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { extname, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { fileFor, MIME } from "./harness.mjs";

const TURN = 4096;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Serves `root`; `link = { rttMs, kbit }` or null for an unshaped server. */
export async function serveShaped(root, link = null) {
  root = resolve(root);
  const started = Date.now();
  const log = [];
  const bodies = new Map();
  // The shared downlink: senders waiting for their turn, served in order, one turn at a time.
  const queue = [];
  let sending = false;
  const pump = async () => {
    if (sending) return;
    sending = true;
    while (queue.length) {
      const next = queue.shift();
      const bytes = next();
      if (bytes > 0) await sleep((bytes * 8) / link.kbit);
    }
    sending = false;
  };
  const send = (res, body) =>
    new Promise((done) => {
      if (!link) {
        res.end(body);
        done();
        return;
      }
      let at = 0;
      const turn = () => {
        const chunk = body.subarray(at, at + TURN);
        at += chunk.length;
        if (at >= body.length) {
          res.end(chunk);
          done();
        } else {
          res.write(chunk);
          queue.push(turn);
        }
        return chunk.length;
      };
      queue.push(turn);
      pump();
    });

  const server = createServer(async (req, res) => {
    const asked = Date.now() - started;
    const socket = req.socket;
    if (link) {
      // A new connection's handshake, then the request's own round trip.
      const first = !socket.__served;
      socket.__served = true;
      await sleep(link.rttMs * (first ? 2 : 1));
    }
    const file = await fileFor(root, req.url);
    if (!file) {
      res.writeHead(403).end();
      return;
    }
    let entry = bodies.get(file);
    if (!entry) {
      try {
        const raw = await readFile(file);
        const zip = extname(file) !== ".png";
        const body = zip ? gzipSync(raw, { level: 9 }) : raw;
        entry = { body, zip, etag: `"${createHash("sha256").update(raw).digest("hex").slice(0, 20)}"` };
        bodies.set(file, entry);
      } catch {
        res.writeHead(404).end("not found");
        return;
      }
    }
    // The browser asking for the service worker's script (what follows is its offline copy).
    const worker = req.headers["service-worker"] === "script";
    if (req.headers["if-none-match"] === entry.etag) {
      log.push({ at: asked, path: req.url, bytes: 0, status: 304, worker });
      res.writeHead(304, { etag: entry.etag }).end();
      return;
    }
    log.push({ at: asked, path: req.url, bytes: entry.body.length, status: 200, worker });
    res.writeHead(200, {
      "content-type": MIME[extname(file)] ?? "application/octet-stream",
      "content-length": entry.body.length,
      etag: entry.etag,
      ...(entry.zip ? { "content-encoding": "gzip" } : {}),
    });
    await send(res, entry.body);
  });
  // Keep-alive sockets would outlive a page's context: close them with the server.
  const sockets = new Set();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    log,
    /** Forgets the log (a new visit starts). */
    reset: () => log.splice(0),
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}
