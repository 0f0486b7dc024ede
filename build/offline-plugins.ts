/**
 * Build-only plugins for the static bundle:
 *
 * - `contentSecurityPolicy()` puts a Content-Security-Policy <meta> first in
 *   the built index.html. Only at build time: Vite's dev server injects
 *   <style> elements for hot reloading, which the policy forbids.
 * - `serviceWorker()` writes sw.js next to index.html once the bundle is on
 *   disk: it lists every built file and is named after a hash of their
 *   contents, so each build gets its own cache and old ones are deleted when
 *   the new worker takes over.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/** The policy: only this site's own files; no inline script, no eval, no requests elsewhere. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function contentSecurityPolicy(policy: string = CSP): Plugin {
  return {
    name: 'stand-down-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
    },
  };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

/** The service worker's source for a list of files (paths relative to it) and a cache name. */
export function serviceWorkerSource(files: string[], cacheName: string): string {
  return `/* Stand-Down service worker: generated at build time (build/offline-plugins.ts). */
const CACHE = ${JSON.stringify(cacheName)};
const FILES = ${JSON.stringify(['./', ...files.map((f) => `./${f}`)])};

// From the server, never the browser's HTTP cache: a host's max-age would otherwise put the old
// index.html, which names the old scripts, in the new cache, and the app would be blank once
// the old cache is gone.
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'reload' })))));
});

// A new version waits until every tab of the old one is closed, or until a page asks
// (its "Reload now"): then it takes over at once.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('stand-down-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Cache first: the files are named after their contents, so a cached one is always right.
// A page (the app, or the exercise page), asked for with any query (the fragment never
// reaches here), is its cached HTML file.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  const navigate = request.mode === 'navigate';
  const app = navigate && (url.pathname === scope.pathname || url.pathname === scope.pathname + 'index.html');
  const exercise = navigate && url.pathname === scope.pathname + 'exercise.html';
  const page = app || exercise;
  const key = app ? new URL('./index.html', scope).href : exercise ? new URL('./exercise.html', scope).href : request;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      // ignoreVary: the files were stored without an Origin header; module scripts are asked for with one.
      cache.match(key, { ignoreSearch: page, ignoreVary: true }).then((hit) => hit || fetch(request)),
    ),
  );
});
`;
}

export function serviceWorker(fileName = 'sw.js'): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'stand-down-service-worker',
    apply: 'build',
    // The app registers the worker only when the build made one (not in the dev server or tests).
    config: () => ({ define: { 'import.meta.env.VITE_SERVICE_WORKER': JSON.stringify(`./${fileName}`) } }),
    configResolved(resolved) {
      config = resolved;
    },
    writeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      const files = listFiles(outDir)
        .map((p) => relative(outDir, p).split(sep).join('/'))
        .filter((f) => f !== fileName && !f.endsWith('.map'))
        .sort();
      const hash = createHash('sha256');
      for (const f of files) hash.update(f).update('\0').update(readFileSync(join(outDir, f))).update('\0');
      const cacheName = `stand-down-${hash.digest('hex').slice(0, 16)}`;
      writeFileSync(join(outDir, fileName), serviceWorkerSource(files, cacheName));
    },
  };
}
