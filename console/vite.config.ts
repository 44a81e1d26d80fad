import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served under /console/ by the local HTTP adapter and by CloudFront, beside
// the API on the same origin (no CORS). The shared zod schemas it imports read
// `process.env` only to ask where they run: in the browser that is nowhere special.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  define: { 'process.env': '{}' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Route-level chunks keep the first screen small (issue 14: at most 350 KB gzipped).
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000', '/local': 'http://127.0.0.1:3000' } },
});
