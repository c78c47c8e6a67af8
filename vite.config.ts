import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const clientDir = fileURLToPath(new URL('./client', import.meta.url));
const clientPackage = JSON.parse(
  readFileSync(new URL('./client/package.json', import.meta.url), 'utf8'),
) as { version: string };
// End-to-end tests build two versions of the app to exercise the update prompt.
const appVersion = process.env.ENSEMBLE_APP_VERSION ?? clientPackage.version;

const relay = 'http://127.0.0.1:8787';

/**
 * yjs logs through lib0/logging, which imports lib0/dom, whose only use of lib0/schema is
 * four exported `$.$custom(...)` node schemas. Unless those calls are known to be pure, the
 * bundler keeps the whole schema module (~5.7 KB raw: a random-value generator chain, a JSON
 * schema built at top level) in the first load; its `manualPureFunctions` option drops the
 * calls too late (a namespace member call) to drop the module. A `@__PURE__` annotation at the
 * source does. Build-time only; the code's behaviour is unchanged.
 */
function lib0PureDomSchemas(): Plugin {
  return {
    name: 'ensemble:lib0-pure-dom-schemas',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]lib0[\\/]dom\.js$/.test(id)) return null;
      return { code: code.replace(/= \$\.\$custom\(/g, '= /* @__PURE__ */ $.$custom('), map: null };
    },
  };
}

export default defineConfig({
  root: clientDir,
  publicDir: 'public',
  define: { __APP_VERSION__: JSON.stringify(appVersion) },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      treeshake: {
        // shared/ is side-effect free domain code: declaring it lets the bundler leave out
        // whole modules the first load does not use (file bundles and their compression,
        // loaded on demand) instead of keeping them behind shared's barrel index.
        // Other modules keep their package.json `sideEffects` (rules take precedence over it).
        moduleSideEffects: [{ test: /[\\/]shared[\\/]src[\\/]/, sideEffects: false }],
      },
      output: {
        // Short names for the shared-domain chunks: the entry lists every chunk it may load,
        // and their generated names (made of every importer's name) cost first-load bytes.
        chunkFileNames: (chunk) =>
          chunk.name.startsWith('domain') ? 'assets/d-[hash].js' : 'assets/[name]-[hash].js',
        codeSplitting: {
          // shared/ modules grouped by the set of chunks that use them (so lazy-only domain
          // code stays lazy), small groups merged: fewer tiny chunks at startup. First-load
          // modules ($initial) and lazy-only ones are grouped apart: merging a small lazy group
          // into its closest neighbour must never land it in a chunk the first load preloads.
          groups: [
            {
              name: 'domain',
              test: /[\\/]shared[\\/]src[\\/]/,
              tags: ['$initial'],
              entriesAware: true,
              entriesAwareMergeThreshold: 8000,
            },
            {
              name: 'domain-lazy',
              test: /[\\/]shared[\\/]src[\\/]/,
              entriesAware: true,
              entriesAwareMergeThreshold: 4000,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/sync': { target: relay, ws: true },
      '/healthz': { target: relay, ws: true },
    },
  },
  plugins: [
    lib0PureDomSchemas(),
    react(),
    VitePWA({
      // We register through workbox-window ourselves (client/src/pwa) and prompt before updating.
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      filename: 'sw.js',
      manifestFilename: 'manifest.webmanifest',
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/sync/, /^\/healthz/, /^\/metrics/],
        cleanupOutdatedCaches: true,
        // A new version waits until the user accepts the update prompt; the very first
        // install takes control at once so the app shell works offline from the first visit.
        skipWaiting: false,
        clientsClaim: true,
      },
      manifest: {
        name: 'Ensemble',
        short_name: 'Ensemble',
        description:
          'Les évènements et la vie de votre communauté, sur votre appareil, même sans réseau.',
        lang: 'fr',
        theme_color: '#0f5c5a',
        background_color: '#f7f5f0',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: 'icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
    }),
  ],
});
