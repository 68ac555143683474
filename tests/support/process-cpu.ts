// CPU time a process has used so far (user + system), from Linux's /proc, in milliseconds. A
// benchmark on a shared machine divides it by the requests served: what a request costs, which
// holds when other work on the machine slows the clock-time figures down.
import { readFile } from 'node:fs/promises'

/** Linux reports these times in clock ticks of USER_HZ, 100 per second on every common build. */
const TICKS_PER_SECOND = 100

/** User + system CPU of `pid`; 0 when it has exited (a database backend that closed). */
export async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined)
  if (stat === undefined) return 0
  // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const [utime, stime] = [Number(fields[11]), Number(fields[12])]
  return ((utime + stime) * 1000) / TICKS_PER_SECOND
}
