// A local S3-compatible server (s3rver, files in a temporary folder) that the real AWS SDK
// talks to over HTTP, with signed requests, in place of a bucket in the cloud.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'

/** s3rver's fixed credentials: it checks request signatures against them. */
const CREDENTIALS = { S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' }

// Node 20 runs the tests; the SDK's notice that its 2027 releases need Node 22 is known
// (docs/toolchain.md) and would otherwise print in every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

export async function startS3StandIn(bucket = 'candor-test-objects') {
  const directory = await mkdtemp(path.join(tmpdir(), 'candor-s3-'))
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: bucket }] })
  const { port } = await server.run()
  return {
    directory,
    /** The environment that points Candor at this server. */
    env: {
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_FORCE_PATH_STYLE: 'true',
      ...CREDENTIALS,
    },
    async stop() {
      await server.close()
      await rm(directory, { recursive: true, force: true })
    },
  }
}
