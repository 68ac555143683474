// backup.age-out against an S3 bucket (s3rver), through the same code as the local folder:
// backups past the retention are deleted from the bucket, the newest good one stays. s3rver
// keeps no object versions (it refuses ListObjectVersions), so this proves the deletion and that
// a store without versions is handled; a versioned bucket's rule is in docs/site/deploy-fly.md.
import { afterAll, expect, it } from 'vitest'
import { ageOutBackups } from '~/modules/backups/age-out.server'
import { runBackup } from '~/modules/backups/backup.server'
import { backupRow } from '~/modules/backups/catalogue.server'
import { ownerPool } from '~/modules/db/owner.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { makeWorkspace } from '../support/factories'
import { startS3StandIn } from '../support/s3-stand-in'

// Before anything reads the environment: this file's object store is the bucket.
const s3 = await startS3StandIn()
Object.assign(process.env, s3.env)
afterAll(() => s3.stop())

it('deletes backups past the retention from the bucket and keeps the newest good one there', async () => {
  await makeWorkspace()
  expect(objectStore().location).toContain('s3://candor-test-objects')
  const old = await runBackup()
  const newest = await runBackup()
  await ownerPool().query(`UPDATE backup SET started_at = now() - interval '120 days' WHERE id = $1`, [old.id])
  expect(await objectStore().exists(old.objectKey)).toBe(true)

  const report = await ageOutBackups()
  expect(report).toMatchObject({ deleted: [old.id], kept: newest.id, leftovers: 0 })
  expect(await objectStore().exists(old.objectKey)).toBe(false)
  expect(await objectStore().exists(newest.objectKey)).toBe(true)
  expect(await backupRow(old.id)).toMatchObject({ status: 'deleted' })
})
