// Object storage for large files (privacy-request exports, what access tasks collect), always
// read and written as streams. A local folder (CANDOR_DATA_DIR/objects) by default, or an
// S3-compatible bucket when S3_BUCKET and its companions are set; both keep one promise: an
// object is visible under its key only once it is complete. Encryption is the caller's
// (file-encryption.server.ts): what reaches a store is already ciphertext.
import path from 'node:path'
import type { Readable } from 'node:stream'
import { type Env, env } from '~/modules/config/env.server'
import { localObjectStore } from './local-store.server'
import { s3ObjectStore } from './s3-store.server'

export type ListedObject = { key: string; writtenAt: Date }

export interface ObjectStore {
  /** Where objects go, for logs and checks (never a credential): a folder or `s3://bucket`. */
  readonly location: string
  /**
   * Write `body` under `key`, replacing any object there. Resolves once the whole object is
   * stored; until then (and for ever, if `body` fails) readers see the previous state. On
   * failure `body` is destroyed, so a producer writing into it stops instead of waiting.
   */
  put(key: string, body: Readable): Promise<{ bytes: number }>
  /** The object's bytes; rejects with ObjectNotFoundError when there is none. */
  get(key: string): Promise<Readable>
  /** Remove the object; removing one that is not there is fine. */
  delete(key: string): Promise<void>
  exists(key: string): Promise<boolean>
  /** Every complete object whose key starts with `prefix`, with when it was last written. */
  list(prefix: string): AsyncIterable<ListedObject>
  /**
   * Remove what interrupted writes (a crash, a kill -9) left behind, if untouched for
   * `olderThanMs`; returns how many were removed.
   */
  sweepTemporary(olderThanMs?: number): Promise<number>
}

let store: ObjectStore | undefined

/** This process's object store, chosen from the environment on first use. */
export function objectStore(): ObjectStore {
  store ??= objectStoreFor(env())
  return store
}

/** The S3 bucket when S3_BUCKET is set (with its companions, which env validation requires), else the local folder. */
export function objectStoreFor(config: Env): ObjectStore {
  const { S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = config
  if (S3_BUCKET && S3_REGION && S3_ACCESS_KEY_ID && S3_SECRET_ACCESS_KEY) {
    return s3ObjectStore({
      bucket: S3_BUCKET,
      region: S3_REGION,
      endpoint: config.S3_ENDPOINT,
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE ?? false,
    })
  }
  return localObjectStore(path.resolve(config.CANDOR_DATA_DIR, 'objects'))
}
