// What "Test connection" found, said as it is at that moment: the server, TLS, the role, and
// the privileges the role still lacks for the saved map (or that no map is saved to check).
import type { ConnectionTest } from '~/modules/connectors/postgres/connection-test.server'

export function ConnectionTestResult({ test, checkedAt }: { test: ConnectionTest; checkedAt: string }) {
  if (!test.ok) {
    return (
      <div role="status" className="mt-4 rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
        <p className="font-medium">Could not connect ({checkedAt}).</p>
        <p className="mt-1">{test.message}</p>
      </div>
    )
  }
  const good = test.missing.length === 0
  return (
    <div role="status" className={`mt-4 rounded border px-4 py-3 text-sm ${good ? 'border-green-200 bg-green-50 text-green-900' : 'border-amber-200 bg-amber-50 text-amber-900'}`}>
      <p className="font-medium">
        Connected as {test.role} to PostgreSQL {test.serverVersion}, {test.tls ? `over ${test.tls}` : 'without TLS'} ({checkedAt}).
      </p>
      {test.checkedTables === 0 ? (
        <p className="mt-1">No dataset map is saved yet, so no table privileges were checked.</p>
      ) : good ? (
        <p className="mt-1">The role holds every privilege the saved map needs on its {test.checkedTables} tables.</p>
      ) : (
        <>
          <p className="mt-1">The role lacks what the saved map needs (run the GRANT script again):</p>
          <ul className="mt-1 list-disc pl-5">
            {test.missing.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
