// /w/:slug/data-systems/new/postgres — connect a Postgres database: its name, a connection URL or
// the fields, TLS mode and password; "Test connection" tries it without saving anything, "Save"
// adds the data system (password sealed, audited) and opens its page, where the map is reviewed.
import { Form, Link, data, redirect } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import { ConnectionFields, type ConnectionValues } from '~/components/data-systems/connection-fields'
import { ConnectionTestResult } from '~/components/data-systems/connection-test-result'
import { requireMember } from '~/modules/auth/member.server'
import { DataSystemError } from '~/modules/connectors/data-systems.server'
import { connectionFromForm, echoedValues } from '~/modules/connectors/postgres/connection-form'
import { testConnection } from '~/modules/connectors/postgres/connection-test.server'
import { connectPostgresSystem } from '~/modules/connectors/postgres/postgres-systems.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { utcInstant } from '~/modules/formats/utc-instant'
import type { Route } from './+types/data-system-new-postgres'

export const meta: Route.MetaFunction = () => [{ title: 'Connect a Postgres database — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireMember({ request, params, context }, 'privacy.manage')
  return null
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'privacy.manage')
  const values = Object.fromEntries([...(await readForm(request))].map(([name, value]) => [name, String(value)]))
  const intent = values.intent === 'test' ? 'test' : 'save'
  const read = connectionFromForm(values)
  const shown = echoedValues(values)
  if (!read.ok) return data({ intent, fieldErrors: read.fieldErrors, values: shown }, { status: 400 })
  if (intent === 'test') {
    return { intent, values: shown, test: await testConnection(read.input.settings, read.input.password, null), checkedAt: utcInstant(new Date()) }
  }
  try {
    const { id } = await connectPostgresSystem(member, read.input, requestOrigin(request, context))
    return redirect(`/w/${member.workspace.slug}/data-systems/${id}`)
  } catch (error) {
    if (error instanceof DataSystemError) return data({ intent, error: error.message, values: shown }, { status: 409 })
    throw error
  }
}

export default function NewPostgresSystem({ actionData, params }: Route.ComponentProps) {
  const errors: Record<string, string | undefined> = actionData && 'fieldErrors' in actionData ? actionData.fieldErrors : {}
  return (
    <>
      <p className="text-sm">
        <Link to={`/w/${params.slug}/privacy#systems`} className="text-brand-700 underline">
          ← Data systems
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Connect a Postgres database</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Candor reads the database’s schema, proposes a dataset map for you to review, and then finds, exports and erases a
        requester’s rows in it. Give it a role of its own: once saved, the system’s page prints the GRANT script with the least
        privileges it needs.
      </p>
      <FormAlert message={actionData && 'error' in actionData ? actionData.error : undefined} />
      {actionData && 'test' in actionData ? (
        <>
          <ConnectionTestResult test={actionData.test} checkedAt={actionData.checkedAt} />
          <p className="mt-2 text-sm text-slate-600">Nothing is saved yet. The password is never sent back: if its field is empty, type it again before saving.</p>
        </>
      ) : null}
      <Form method="post" className="mt-6 grid max-w-3xl gap-4 rounded border border-slate-200 p-5" noValidate>
        <ConnectionFields values={(actionData?.values ?? {}) as ConnectionValues} errors={errors} />
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="test" className="rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50">
            Test connection
          </button>
          <button type="submit" name="intent" value="save" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Save
          </button>
        </div>
      </Form>
    </>
  )
}
