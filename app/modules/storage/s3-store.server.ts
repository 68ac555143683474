// The object store in an S3-compatible bucket (AWS S3, R2, MinIO, …). A put is a streamed
// multipart upload (lib-storage's Upload: a few parts of 8 MiB in memory at most), and S3 shows
// an object only once its upload completes, so writes are atomic as in the local folder. The SDK
// is loaded on first use: a process that stores objects locally never pays for importing it.
import { Readable, Transform, pipeline } from 'node:stream'
import type { S3Client } from '@aws-sdk/client-s3'
import { ObjectNotFoundError, checkObjectKey } from './object-key'
import type { ObjectStore } from './object-store.server'

export type S3StoreConfig = {
  bucket: string
  region: string
  /** Unset: AWS's own endpoint for the region. */
  endpoint?: string
  accessKeyId: string
  secretAccessKey: string
  /** `https://host/bucket/key` instead of `https://bucket.host/key` (most non-AWS stores). */
  forcePathStyle: boolean
}

const PART_BYTES = 8 * 1024 * 1024
const PARTS_IN_FLIGHT = 2

const sdk = () => Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')])

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode

export function s3ObjectStore(config: S3StoreConfig): ObjectStore {
  let client: Promise<S3Client> | undefined
  const connect = () =>
    (client ??= sdk().then(
      ([{ S3Client }]) =>
        new S3Client({
          region: config.region,
          endpoint: config.endpoint,
          forcePathStyle: config.forcePathStyle,
          credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
          // Checksums only where S3 requires them: every record of our files carries its own
          // GCM tag (and the transport is TLS), while several S3-compatible stores refuse the
          // SDK's default aws-chunked uploads with trailing CRC32 checksums.
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }),
    ))
  const Bucket = config.bucket

  async function upload(Key: string, body: Readable): Promise<{ bytes: number }> {
    let bytes = 0
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length
        callback(null, chunk)
      },
    })
    // A failing source fails `counted`, which fails the upload (and aborts its parts).
    let sourceError: unknown
    pipeline(body, counted, (error) => (sourceError = error))
    try {
      const [s3, [, { Upload }]] = await Promise.all([connect(), sdk()])
      await new Upload({
        client: s3,
        params: { Bucket, Key, Body: counted },
        partSize: PART_BYTES,
        queueSize: PARTS_IN_FLIGHT,
        leavePartsOnError: false,
      }).done()
    } catch (error) {
      counted.destroy()
      // The source's failure is the news; lib-storage would rather report a failed abort of
      // the multipart upload (e.g. a store without AbortMultipartUpload) in its place.
      if (sourceError && sourceError !== error) {
        throw Object.assign(sourceError as Error, { cause: (sourceError as Error).cause ?? error })
      }
      throw error
    }
    return { bytes }
  }

  return {
    location: `s3://${Bucket}${config.endpoint ? ` at ${new URL(config.endpoint).origin}` : ''}`,

    async put(key, body) {
      try {
        return await upload(checkObjectKey(key), body)
      } catch (error) {
        // Without an error: a caller that piped into `body` may have no 'error' listener on it.
        body.destroy()
        throw error
      }
    },

    async get(key) {
      const [s3, [{ GetObjectCommand }]] = await Promise.all([connect(), sdk()])
      try {
        const { Body } = await s3.send(new GetObjectCommand({ Bucket, Key: checkObjectKey(key) }))
        if (!(Body instanceof Readable)) throw new Error(`S3 returned no stream for ${key}`)
        return Body
      } catch (error) {
        if (statusOf(error) === 404 && (error as Error).name === 'NoSuchKey') throw new ObjectNotFoundError(key)
        throw error
      }
    },

    async delete(key) {
      const [s3, [{ DeleteObjectCommand, DeleteObjectsCommand, ListObjectVersionsCommand }]] = await Promise.all([connect(), sdk()])
      const Key = checkObjectKey(key)
      // S3 answers 204 whether or not the key existed.
      await s3.send(new DeleteObjectCommand({ Bucket, Key }))
      // In a versioned bucket that only hid the object behind a delete marker: its older
      // versions (the bytes themselves) are deleted too, so that a deleted backup or export is
      // gone. A store without versions may refuse the request (NotImplemented, or
      // MethodNotAllowed as s3rver does): it has no older versions to delete.
      let listed
      try {
        listed = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: Key }))
      } catch (error) {
        if (statusOf(error) === 501 || statusOf(error) === 405) return
        throw error
      }
      const versions = [...(listed.Versions ?? []), ...(listed.DeleteMarkers ?? [])]
        .filter((version) => version.Key === Key && version.VersionId)
        .map((version) => ({ Key, VersionId: version.VersionId }))
      if (versions.length) await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: versions, Quiet: true } }))
    },

    async exists(key) {
      const [s3, [{ HeadObjectCommand }]] = await Promise.all([connect(), sdk()])
      try {
        await s3.send(new HeadObjectCommand({ Bucket, Key: checkObjectKey(key) }))
        return true
      } catch (error) {
        if (statusOf(error) === 404) return false
        throw error
      }
    },

    async *list(prefix) {
      const [s3, [{ ListObjectsV2Command }]] = await Promise.all([connect(), sdk()])
      let ContinuationToken: string | undefined
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken }))
        for (const object of page.Contents ?? []) {
          if (object.Key && object.LastModified) yield { key: object.Key, writtenAt: object.LastModified }
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (ContinuationToken)
    },

    // A failed upload is aborted by lib-storage; the parts of one cut short by a crash are
    // invisible and removed by the bucket's AbortIncompleteMultipartUpload lifecycle rule
    // (docs/toolchain.md), so there is nothing to sweep from here.
    async sweepTemporary() {
      return 0
    },
  }
}
