// Liveness: the process answers. No dependency is checked, so a database outage does not make
// the platform restart every machine.
export function loader() {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
}
