/**
 * The web app's build: React, one entry (the citizen portal and the shell),
 * staff screens and charts in lazily loaded chunks. The pure domain modules
 * (vocabulary, transitions, policies) come from the server's source through
 * the `@domain` alias so both sides share one table.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { huairouOutline } from './plugins/huairou-outline.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react(), huairouOutline()],
  resolve: { alias: { '@domain': here('../src/domain') } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // the charts chunk is large by nature and only the staff dashboard loads it
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
