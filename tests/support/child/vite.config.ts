// The configuration `vite-node` runs a test's child script with: only the `~/` paths resolved.
import { defineConfig } from 'vite'

export default defineConfig({ resolve: { tsconfigPaths: true } })
