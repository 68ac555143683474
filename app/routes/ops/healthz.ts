// Liveness: the process answers. No dependency is checked, so a database outage does not make
// the platform restart every machine: the pools and the queue reconnect by themselves, and a
// process that cannot recover (its embedded PostgreSQL will not start again) exits with code 1
// instead of answering here (docs/decisions/016-crash-recovery.md).
export function loader() {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
}
