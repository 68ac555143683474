// The connection fields of a Postgres data system (new, and changed on its page): a connection
// URL or the fields, the TLS mode, the password. The password is never shown back.
import { Field, SelectField } from '~/components/field'

export type ConnectionValues = Partial<Record<'name' | 'url' | 'host' | 'port' | 'database' | 'user' | 'tls' | 'statementTimeoutSeconds', string>>

const TLS_OPTIONS = [
  { value: 'verify-full', label: 'verify-full: TLS, the server’s certificate and name checked (recommended)' },
  { value: 'require', label: 'require: TLS, the certificate not checked' },
  { value: 'disable', label: 'disable: no TLS (only on a private network you trust)' },
]

export function ConnectionFields(props: { values: ConnectionValues; errors: Record<string, string | undefined>; hasPassword?: boolean }) {
  const { values, errors } = props
  return (
    <>
      <Field label="Name" name="name" value={values.name} error={errors.name} hint="How members and requesters see this system, e.g. “Product database”." />
      <Field
        label="Connection URL (optional)"
        name="url"
        value={values.url}
        error={errors.url}
        hint="postgres://user@host:5432/database?sslmode=verify-full — what it says replaces the fields below; a password in it is moved to the password and never shown again."
      />
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        <Field label="Host" name="host" value={values.host} error={errors.host} />
        <Field label="Port" name="port" inputMode="numeric" value={values.port ?? '5432'} error={errors.port} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Database" name="database" value={values.database} error={errors.database} />
        <Field label="User" name="user" value={values.user} error={errors.user} hint="A role of its own for Candor: see the GRANT script." />
      </div>
      <SelectField label="TLS" name="tls" value={values.tls ?? 'verify-full'} error={errors.tls} options={TLS_OPTIONS} />
      <Field
        label="Statement timeout (seconds)"
        name="statementTimeoutSeconds"
        inputMode="numeric"
        value={values.statementTimeoutSeconds ?? '30'}
        error={errors.statementTimeoutSeconds}
        hint="Any statement Candor runs in this database is cancelled after this long."
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={errors.password}
        hint={props.hasPassword ? 'A password is stored (encrypted). Leave empty to keep it.' : 'Stored encrypted; never shown again.'}
      />
    </>
  )
}
