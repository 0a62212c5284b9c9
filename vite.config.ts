import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built once into dist/renderer and served both by Electron (file://) and by the
// local HTTP server, so asset paths are relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Two pages: the console, and the phone-sized self check-in kiosk served at /kiosk.
    rollupOptions: { input: { main: 'renderer/index.html', kiosk: 'renderer/kiosk.html' } },
  },
});
