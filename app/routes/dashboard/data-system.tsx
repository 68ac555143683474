// /w/:slug/data-systems/:systemId — a connected Postgres database: its connection (changed with
// step-up), "Test connection", the GRANT script for its role, and its dataset map under review
// (the proposal before the first save, else the saved version brought up to date, with what
// drifted listed), saved as numbered versions. Each form is an `intent` of the one action.
import { Form, Link, data } from 'react-router'
import { z } from 'zod'
import { FormAlert } from '~/components/auth-card'
import { ConnectionFields, type ConnectionValues } from '~/components/data-systems/connection-fields'
import { ConnectionTestResult } from '~/components/data-systems/connection-test-result'
import { DatasetMapForm } from '~/components/data-systems/dataset-map-form'
import { DryRunResultView } from '~/components/data-systems/dry-run-report'
import { MapVersions } from '~/components/data-systems/map-versions'
import { Field } from '~/components/field'
import { PageSection } from '~/components/page-section'
import { NOT_FOUND_MESSAGE, requireMember } from '~/modules/auth/member.server'
import { requireStepUp } from '~/modules/auth/step-up.server'
import { DataSystemError } from '~/modules/connectors/data-systems.server'
import type { DatasetMap } from '~/modules/connectors/dataset-map'
import { connectionFromForm, echoedValues } from '~/modules/connectors/postgres/connection-form'
import { mapFromForm, structureOf } from '~/modules/connectors/postgres/map-form'
import { driftLines } from '~/modules/connectors/postgres/map-drift'
import { columnsNeedingGround } from '~/modules/connectors/postgres/propose-map'
import {
  changePostgresConnection,
  dryRunStored,
  postgresSystemPage,
  saveReviewedMap,
  testStoredConnection,
} from '~/modules/connectors/postgres/postgres-systems.server'
import { utcInstant } from '~/modules/formats/utc-instant'
import { isUuid } from '~/modules/formats/uuid'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/data-system'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.name ?? 'Data system'} — Candor` }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'privacy.manage')
  if (!isUuid(params.systemId)) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const page = await postgresSystemPage(member, params.systemId)
  if (!page) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const { settings } = page
  return {
    name: page.name,
    connection: { ...settings, port: String(settings.port), statementTimeoutSeconds: String(settings.statementTimeoutSeconds) },
    summary: `${settings.user}@${settings.host}:${settings.port}/${settings.database}, TLS ${settings.tls}, statements cancelled after ${settings.statementTimeoutSeconds} s`,
    hasPassword: page.hasPassword,
    discoveryError: page.discoveryError,
    savedVersion: page.saved?.version ?? null,
    review: page.review ? { map: page.review.map, fresh: page.review.fresh, structure: JSON.stringify(structureOf(page.review.map)) } : null,
    needingGround: page.review ? columnsNeedingGround(page.review.map).length : 0,
    drift: page.drift ? driftLines(page.drift) : [],
    references: (page.review?.map.references ?? []).map(
      (r) => `${r.from.schema}.${r.from.table} (${r.from.columns.join(', ')}) → ${r.to.schema}.${r.to.table} (${r.to.columns.join(', ')})${r.source === 'declared' ? ', declared' : ''}`,
    ),
    grantScript: page.grantScript,
    versions: page.versions.map((v) => ({ version: v.version, savedAt: utcInstant(v.savedAt), savedBy: v.savedBy })),
  }
}

type Intent = 'test' | 'connection' | 'map' | 'dry_run'

const dryRunInput = z.object({
  email: z.email('Enter an e-mail address to look for, e.g. a test customer’s.').max(254, 'An e-mail address is at most 254 characters long.'),
})

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'privacy.manage')
  if (!isUuid(params.systemId)) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const values = Object.fromEntries([...(await readForm(request))].map(([name, value]) => [name, String(value)]))
  const intent = (['test', 'connection', 'map', 'dry_run'] as const).find((i) => i === values.intent)
  if (!intent) return data({ intent: undefined, error: 'Choose what to do.' }, { status: 400 })
  const origin = requestOrigin(request, context)
  const gone = () => data(NOT_FOUND_MESSAGE, { status: 404 })
  try {
    if (intent === 'test') {
      const test = await testStoredConnection(member, params.systemId)
      if (!test) throw gone()
      return { intent, test, checkedAt: utcInstant(new Date()) }
    }
    if (intent === 'connection') {
      requireStepUp(member, request, 'data_systems.connection')
      const read = connectionFromForm(values)
      if (!read.ok) return data({ intent, fieldErrors: read.fieldErrors, values: echoedValues(values) }, { status: 400 })
      if (!(await changePostgresConnection(member, params.systemId, read.input, origin))) throw gone()
      return { intent, notice: read.input.password ? 'Connection and password saved.' : 'Connection saved; the stored password is kept.' }
    }
    if (intent === 'dry_run') {
      const email = values.email ?? ''
      const parsed = dryRunInput.safeParse({ email: email.trim() })
      if (!parsed.success) return data({ intent, fieldErrors: { email: parsed.error.issues[0]!.message }, values: { email } }, { status: 400 })
      const result = await dryRunStored(member, params.systemId, parsed.data.email, origin)
      if (!result) throw gone()
      return { intent, email: parsed.data.email, result, ranAt: utcInstant(new Date()), values: { email } }
    }
    const read = mapFromForm(values)
    if (!read.ok) {
      return data(
        { intent, error: read.errors[0] ?? 'Some columns need a correction: see the messages beside them.', mapErrors: read.fieldErrors, draft: read.draft },
        { status: 400 },
      )
    }
    const { version } = await saveReviewedMap(member, params.systemId, read.map, origin)
    return { intent, notice: `Saved as version ${version}.` }
  } catch (error) {
    if (error instanceof DataSystemError) return data({ intent, error: error.message }, { status: 409 })
    throw error
  }
}

const secondary = 'rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50'
const primary = 'rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700'

export default function DataSystem({ loaderData, actionData, params }: Route.ComponentProps) {
  const failed = (intent: Intent) => (actionData?.intent === intent && 'error' in actionData ? actionData.error : undefined)
  const notice = actionData && 'notice' in actionData ? actionData.notice : null
  const connectionErrors: Record<string, string | undefined> = actionData?.intent === 'connection' && 'fieldErrors' in actionData ? actionData.fieldErrors : {}
  const dryRun = actionData?.intent === 'dry_run' && 'result' in actionData ? actionData : null
  const dryRunError = actionData?.intent === 'dry_run' && 'fieldErrors' in actionData ? (actionData.fieldErrors as Record<string, string>).email : undefined
  const dryRunEmail = actionData?.intent === 'dry_run' && 'values' in actionData ? (actionData.values as { email?: string }).email : undefined
  const mapErrors = (actionData?.intent === 'map' && 'mapErrors' in actionData ? actionData.mapErrors : {}) as Record<string, string>
  const draft = (actionData?.intent === 'map' && 'draft' in actionData ? actionData.draft : null) as DatasetMap | null
  const review = loaderData.review
  return (
    <>
      <p className="text-sm">
        <Link to={`/w/${params.slug}/privacy#systems`} className="text-brand-700 underline">
          ← Data systems
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{loaderData.name}</h1>
      <p className="mt-1 text-sm text-slate-600">
        PostgreSQL · <span className="font-mono">{loaderData.summary}</span> · {loaderData.hasPassword ? 'password stored (encrypted)' : 'no password stored'}
      </p>
      {notice ? (
        <p role="status" className="mt-4 rounded border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          {notice}
        </p>
      ) : null}

      <PageSection className="max-w-5xl" id="connection" title="Connection">
        <FormAlert message={failed('test') ?? failed('connection')} />
        {actionData?.intent === 'test' && 'test' in actionData ? <ConnectionTestResult test={actionData.test} checkedAt={actionData.checkedAt} /> : null}
        <Form method="post" className="mt-3">
          <button type="submit" name="intent" value="test" className={secondary}>
            Test connection
          </button>
        </Form>
        <details className="mt-4 max-w-3xl rounded border border-slate-200" open={Object.keys(connectionErrors).length > 0}>
          <summary className="cursor-pointer px-4 py-2 font-medium">Change the connection or password</summary>
          <Form method="post" className="grid gap-4 border-t border-slate-200 p-4" noValidate>
            <input type="hidden" name="intent" value="connection" />
            <ConnectionFields
              values={actionData?.intent === 'connection' && 'values' in actionData ? (actionData.values as ConnectionValues) : { name: loaderData.name, ...loaderData.connection }}
              errors={connectionErrors}
              hasPassword={loaderData.hasPassword}
            />
            <div>
              <button type="submit" className={primary}>
                Save the connection
              </button>
            </div>
          </Form>
        </details>
      </PageSection>

      <PageSection className="max-w-5xl" id="grant" title="GRANT script">
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Run this as the tables’ owner to give Candor a role with the least it needs:
          {loaderData.savedVersion === null
            ? ' read access for discovery until a map is saved, then run the new script.'
            : ` what version ${loaderData.savedVersion} of the map reads and erases, nothing more. Run it again after saving a new version.`}{' '}
          Put the password you choose in the connection above.
        </p>
        <pre data-testid="grant-script" tabIndex={0} aria-label="GRANT script" className="mt-3 overflow-x-auto rounded bg-slate-900 p-4 text-xs leading-relaxed text-slate-100">
          {loaderData.grantScript}
        </pre>
      </PageSection>

      <PageSection className="max-w-6xl" id="map" title="Dataset map">
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          {loaderData.savedVersion === null
            ? 'Proposed from the database’s schema; nothing is used until you review and save it. Tables in the map are read for access requests and changed by erasure as each column says.'
            : `Version ${loaderData.savedVersion} is in use. Changes here are saved as a new version; the earlier ones stay listed below.`}
        </p>
        {loaderData.discoveryError ? (
          <p role="alert" className="mt-3 rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Could not read the database’s schema now: {loaderData.discoveryError}
            {loaderData.savedVersion === null ? '' : ' The saved map is shown as it was saved.'}
          </p>
        ) : null}
        {loaderData.drift.length > 0 ? (
          <div role="status" aria-label="Changes in the database" className="mt-3 rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
            <p className="font-medium">The database changed since version {loaderData.savedVersion} was saved:</p>
            <ul className="mt-1 list-disc pl-5">
              {loaderData.drift.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <p className="mt-1">The form below is brought up to date (new tables left out until you include them); save it to use it.</p>
          </div>
        ) : null}
        {loaderData.needingGround > 0 && !draft ? (
          <p className="mt-3 rounded border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
            {loaderData.needingGround === 1 ? '1 column' : `${loaderData.needingGround} columns`} cannot be erased by a change of value (a key, or a
            required number) and are proposed as kept: give the legal ground for keeping each, or choose another strategy.
          </p>
        ) : null}
        <FormAlert message={failed('map')} />
        {review ? (
          <DatasetMapForm
            map={draft ?? review.map}
            structure={review.structure}
            fresh={review.fresh}
            fieldErrors={mapErrors}
            nextVersion={(loaderData.savedVersion ?? 0) + 1}
          />
        ) : null}
        {loaderData.references.length > 0 ? (
          <details className="mt-6 max-w-3xl">
            <summary className="cursor-pointer text-sm font-medium">References between tables ({loaderData.references.length})</summary>
            <ul className="mt-2 grid gap-1 font-mono text-xs text-slate-700">
              {loaderData.references.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </PageSection>

      <PageSection className="max-w-5xl" id="dry-run" title="Dry run">
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          {loaderData.savedVersion === null
            ? 'Once a version of the map is saved, see what it would do for a test identity: the rows found, the exact statements access and erasure would run, with their parameters and row counts. Nothing is changed.'
            : `See what version ${loaderData.savedVersion} would do for a test identity: the rows found, the exact statements access and erasure would run, with their parameters and row counts. Nothing is changed.`}
        </p>
        <Form method="post" className="mt-3 flex max-w-xl flex-wrap items-end gap-3" noValidate>
          <input type="hidden" name="intent" value="dry_run" />
          <div className="min-w-64 flex-1">
            <Field label="Test e-mail" name="email" type="email" value={dryRunEmail} error={dryRunError} />
          </div>
          <button type="submit" className={secondary}>
            Dry run
          </button>
        </Form>
        {dryRun && !dryRun.result.ok ? <FormAlert message={dryRun.result.error} /> : null}
        {dryRun && dryRun.result.ok && dryRun.result.version !== null ? (
          <DryRunResultView email={dryRun.email} version={dryRun.result.version} report={dryRun.result.report} ranAt={dryRun.ranAt} />
        ) : null}
      </PageSection>

      <MapVersions versions={loaderData.versions} />
    </>
  )
}
