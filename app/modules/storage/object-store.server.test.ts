// Choosing the object store from the environment, and the object keys every store accepts.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EnvError, parseEnv } from '~/modules/config/env.server'
import { InvalidObjectKeyError, checkObjectKey } from './object-key'
import { objectStoreFor } from './object-store.server'

const s3 = {
  S3_BUCKET: 'candor-exports',
  S3_REGION: 'eu-central-1',
  S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
}

describe('objectStoreFor', () => {
  it('uses the folder CANDOR_DATA_DIR/objects when no S3 bucket is configured', () => {
    expect(objectStoreFor(parseEnv({})).location).toBe(path.resolve('.data/objects'))
    expect(objectStoreFor(parseEnv({ CANDOR_DATA_DIR: '/var/lib/candor' })).location).toBe('/var/lib/candor/objects')
  })

  it('uses the bucket when S3 is configured, AWS itself unless an endpoint is given', () => {
    expect(objectStoreFor(parseEnv(s3)).location).toBe('s3://candor-exports')
    const minio = parseEnv({ ...s3, S3_ENDPOINT: 'https://minio.internal:9000/', S3_FORCE_PATH_STYLE: 'true' })
    expect(minio.S3_FORCE_PATH_STYLE).toBe(true)
    expect(objectStoreFor(minio).location).toBe('s3://candor-exports at https://minio.internal:9000')
  })

  it('refuses half an S3 configuration, naming every missing variable', () => {
    expect(() => parseEnv({ S3_BUCKET: 'candor-exports' })).toThrow(EnvError)
    let message = ''
    try {
      parseEnv({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY_ID: 'key' })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('S3_BUCKET: is required when any S3_ variable is set')
    expect(message).toContain('S3_REGION: is required when any S3_ variable is set')
    expect(message).toContain('S3_SECRET_ACCESS_KEY: is required when any S3_ variable is set')
    expect(message).not.toContain('S3_ACCESS_KEY_ID')
    expect(() => parseEnv({ ...s3, S3_BUCKET: 'Not_A_Bucket' })).toThrow(/S3_BUCKET: must be an S3 bucket name/)
    expect(() => parseEnv({ ...s3, S3_FORCE_PATH_STYLE: 'sometimes' })).toThrow(/S3_FORCE_PATH_STYLE/)
  })
})

describe('checkObjectKey', () => {
  it.each([
    'workspaces/4b1c0e9a-58d4-4c1e-9f07-2d6f1b2b7e11/exports/9f0c.zip',
    'workspaces/w/tasks/t/privacy_requests.jsonl',
    'backups/2026-11-23t02-00-00z.dump.enc',
    'a',
    '_x/-y/z.',
  ])('accepts %s', (key) => {
    expect(checkObjectKey(key)).toBe(key)
  })

  it.each(['..', '../a', 'a/../b', './a', 'a/.', '.env', 'a/.tmp', '/a', 'a/', 'a//b', 'A', 'a b', 'a\\b', 'a?b', 'é', 'a\nb', ''])(
    'refuses %j',
    (key) => {
      expect(() => checkObjectKey(key)).toThrow(InvalidObjectKeyError)
    },
  )

  it('refuses keys and segments too long for a file system or S3', () => {
    expect(() => checkObjectKey('a'.repeat(201))).toThrow(InvalidObjectKeyError)
    expect(() => checkObjectKey(Array(100).fill('abcdefgh').join('/'))).toThrow(InvalidObjectKeyError)
    expect(checkObjectKey('a'.repeat(200))).toHaveLength(200)
  })
})
