// A tiny static file server for the browser tests and for trying the case
// form by hand. It serves the repository root, so /pkg/web/... and
// /examples/case-form/... resolve as they do in the repo, with the MIME
// types browsers insist on (application/wasm for the plugin's streaming
// compile, text/javascript for modules). GET and HEAD only, no listings,
// nothing outside the root.
//
//   node tests/browser/server.mjs [port]    then open the printed address

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CASE_FORM_PATH = "/examples/case-form/";

const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

/** The file a URL path names under `root`, or null when it would leave the root. */
function fileFor(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const path = resolve(root, `.${decoded}`);
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep) ? path : null;
}

async function handle(root, request, response) {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  if (url.pathname === "/") {
    response.writeHead(302, { location: CASE_FORM_PATH }).end();
    return;
  }
  let path = fileFor(root, url.pathname);
  let info = path ? await stat(path).catch(() => null) : null;
  if (info?.isDirectory() && url.pathname.endsWith("/")) {
    path = resolve(path, "index.html");
    info = await stat(path).catch(() => null);
  }
  if (!path || !info?.isFile()) {
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
    return;
  }
  response.writeHead(200, {
    "content-type": MIME_TYPES[extname(path)] ?? "application/octet-stream",
    "content-length": info.size,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  if (request.method === "HEAD") response.end();
  else createReadStream(path).pipe(response);
}

/**
 * Starts the server on 127.0.0.1.
 * @param {{root?: string, port?: number}} [options] port 0 (the default) picks a free one
 * @returns {Promise<{origin: string, close: () => Promise<void>}>}
 */
export async function startServer({ root = REPO_ROOT, port = 0 } = {}) {
  const rootPath = resolve(root);
  const server = createServer((request, response) => {
    handle(rootPath, request, response).catch((error) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end(`${error.message}\n`);
    });
  });
  await new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolveListen);
  });
  const address = server.address();
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolveClose) => {
      server.closeAllConnections();
      server.close(() => resolveClose());
    }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8080);
  const { origin } = await startServer({ port });
  console.log(`Serving ${REPO_ROOT} at ${origin}\nCase form: ${origin}${CASE_FORM_PATH}`);
}
