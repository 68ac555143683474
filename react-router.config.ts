import type { Config } from '@react-router/dev/config'
import { precompressAssets } from './server/precompress-assets'

export default {
  ssr: true,
  future: {
    v8_middleware: true,
    v8_splitRouteModules: true,
    v8_viteEnvironmentApi: true,
    v8_passThroughRequests: true,
    v8_trailingSlashAwareDataRequests: true,
  },
  // After every build (client and server): brotli and gzip copies of build/client's text files.
  async buildEnd({ reactRouterConfig }) {
    const written = await precompressAssets(`${reactRouterConfig.buildDirectory}/client`)
    const sum = (key: 'bytes' | 'br' | 'gzip') => Math.round(written.reduce((total, file) => total + file[key], 0) / 1024)
    console.log(`Precompressed ${written.length} files: ${sum('bytes')} KB → ${sum('br')} KB brotli, ${sum('gzip')} KB gzip.`)
  },
} satisfies Config
