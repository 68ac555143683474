// A privacy request task run in a process of its own (`vite-node --config vitest.config.ts`, for the `~/` paths), so a test can kill it with
// SIGKILL in the middle of its work: `run-task.ts <workspaceId> <taskId>`.
import { runTask } from '~/modules/dsar/tasks.server'

const [workspaceId, taskId] = process.argv.slice(2)
await runTask({ workspaceId: workspaceId!, taskId: taskId! })
process.stdout.write('task finished\n')
process.exit(0)
