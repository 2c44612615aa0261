import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import AutoImport from 'unplugin-auto-import/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vitest/config';

const api = process.env.VITE_API_PROXY ?? 'http://localhost:3000';

// Element Plus is imported per component (and its CSS per component) by the resolver: the login page loads only the
// form, input and button it uses instead of the whole library.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    vue(),
    AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
    Components({ resolvers: [ElementPlusResolver()], dts: 'src/components.d.ts', dirs: [] }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    // WEB_DIST: the e2e run builds a private copy so parallel runs never serve half-written files.
    outDir: process.env.WEB_DIST ?? fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // ECharts is only for the cockpit and the home charts: its own chunk, loaded by those routes. Vue and Element
        // Plus (with the helpers they share) are one chunk: per-component chunks made a page load some 60 small files,
        // six at a time over HTTP/1.1, each waiting a round trip; the login page still stays far under its 300 KB.
        advancedChunks: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ },
            { name: 'framework', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  // Front-end logic only (the pages are tested in Chromium by the e2e journeys in test/web).
  test: { include: ['src/**/*.spec.ts'], environment: 'node' },
  server: {
    port: 5173,
    proxy: { '/api': api, '/health': api, '/docs': api },
  },
});
