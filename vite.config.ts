import { reactRouter } from '@react-router/dev/vite'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'

export default defineConfig({
  // The server build bundles our whole server (server/runtime.ts: HTTP, jobs, migrations),
  // so the app and its jobs share one copy of every module.
  environments: {
    ssr: { build: { rollupOptions: { input: './server/runtime.ts' } } },
  },
  resolve: { tsconfigPaths: true },
  plugins: [tailwindcss(), reactRouter()],
})
