// How much memory another process holds, from Linux's /proc: the resident set now (VmRSS) and
// its peak since the process started (VmHWM, "high water mark"), in MiB.
import { readFile } from 'node:fs/promises'

export type ProcessMemory = { rssMb: number; peakRssMb: number }

export async function processMemory(pid: number): Promise<ProcessMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)
    if (!match) throw new Error(`/proc/${pid}/status has no ${field} (not Linux?)`)
    return Number(match[1]) / 1024
  }
  return { rssMb: kib('VmRSS'), peakRssMb: kib('VmHWM') }
}
