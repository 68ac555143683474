// The S3 object store against a local S3-compatible server (s3rver), through the real AWS SDK
// with signed requests: the same contract as the local folder, reached the way production
// reaches it, from S3_* environment variables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEnv } from '~/modules/config/env.server'
import { objectStoreContract } from '../../../tests/support/object-store-contract'
import { startS3StandIn } from '../../../tests/support/s3-stand-in'
import { type ObjectStore, objectStoreFor } from './object-store.server'

let s3: Awaited<ReturnType<typeof startS3StandIn>>
let store: ObjectStore

beforeAll(async () => {
  s3 = await startS3StandIn()
  store = objectStoreFor(parseEnv(s3.env))
})
afterAll(() => s3?.stop())

describe('S3 object store', () => {
  it('is chosen when S3_BUCKET and its companions are set', () => {
    expect(store.location).toBe(`s3://candor-test-objects at ${s3.env.S3_ENDPOINT}`)
  })

  objectStoreContract(() => store)

  it('reports a bucket that does not exist as an error, not as a missing object', async () => {
    const elsewhere = objectStoreFor(parseEnv({ ...s3.env, S3_BUCKET: 'no-such-bucket' }))
    await expect(elsewhere.get('exports/a.zip')).rejects.toThrow(/bucket/i)
  })
})
