// Prisma CLI configuration. Only `prisma generate` runs here: migrations are applied by our own
// runner (app/modules/db/migrate.server.ts) because Prisma's schema engine cannot be downloaded.
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
})
