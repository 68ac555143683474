// What the request page shows of the files a member attached to a manual task: their names as
// the export names them, their type, records and size. Pure.
import { formatBytes } from '~/modules/trust/document-types'
import type { AttachedFile } from './task-artifacts.server'

export type TaskFileView = { name: string; about: string }

export function taskFilesView(artifact: unknown): TaskFileView[] {
  const files = (artifact as { files?: AttachedFile[] } | null)?.files ?? []
  return files.map((file) => ({
    name: file.name,
    about: [file.label, file.records === null ? null : `${file.records} record${file.records === 1 ? '' : 's'}`, formatBytes(file.bytes)]
      .filter(Boolean)
      .join(', '),
  }))
}
