// /dev/mailbox: the e-mails Candor would have sent, for developers (404 in production).
// The form queues a real message through the same path as every e-mail, so it shows the
// job and outbox working end to end. Works without JavaScript.
import { Form, data, redirect, useNavigation } from 'react-router'
import { Field } from '~/components/field'
import { z } from 'zod'
import { recordAudit } from '~/modules/audit/record.server'
import { isProduction } from '~/modules/config/env.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { emailInput, queueEmail } from '~/modules/email/email.server'
import { listMailbox } from '~/modules/email/mailbox.server'
import { readForm } from '~/modules/http/form.server'
import type { Route } from './+types/mailbox'

export const meta: Route.MetaFunction = () => [{ title: 'Mailbox — Candor (development)' }]
// Sign-in codes beside text anyone can send: never kept, never compressed (decision 025).
export const headers: Route.HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

function notInProduction() {
  if (isProduction()) throw data('There is nothing at this address.', { status: 404 })
}

export async function loader() {
  notInProduction()
  return { messages: await listMailbox() }
}

const testEmailForm = emailInput.pick({ to: true, subject: true, text: true })

export async function action({ request }: Route.ActionArgs) {
  notInProduction()
  const form = Object.fromEntries(await readForm(request))
  const parsed = testEmailForm.safeParse(form)
  if (!parsed.success) {
    return data(
      { fieldErrors: z.flattenError(parsed.error).fieldErrors, values: form },
      { status: 400 },
    )
  }
  await withPlatform(async (tx) => {
    const { messageId } = await queueEmail(tx, null, parsed.data)
    await recordAudit(tx, { workspaceId: null, actor: { type: 'system', reason: 'dev mailbox' } }, {
      action: 'email.test_queue',
      target: { type: 'email_message', id: messageId },
    })
  })
  return redirect('/dev/mailbox')
}

export default function Mailbox({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation()
  const errors = actionData?.fieldErrors
  const values = (actionData?.values ?? {}) as Record<string, string>
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <h1 className="text-2xl font-semibold">Mailbox</h1>
      <p className="mt-2 text-slate-600">
        Without <code>RESEND_API_KEY</code>, Candor keeps e-mails here instead of sending them.
        This page does not exist in production.
      </p>

      <section aria-labelledby="send-test" className="mt-8 rounded border border-slate-200 p-5">
        <h2 id="send-test" className="text-lg font-semibold">
          Send a test e-mail
        </h2>
        <Form method="post" className="mt-4 grid gap-4" noValidate>
          <Field label="To" name="to" type="email" value={values.to} error={errors?.to?.[0]} />
          <Field label="Subject" name="subject" value={values.subject} error={errors?.subject?.[0]} />
          <Field label="Message" name="text" multiline value={values.text} error={errors?.text?.[0]} />
          <div>
            <button
              type="submit"
              className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
            >
              {navigation.state === 'submitting' ? 'Queueing…' : 'Queue e-mail'}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="messages" className="mt-10">
        <h2 id="messages" className="text-lg font-semibold">
          Messages ({loaderData.messages.length})
        </h2>
        {loaderData.messages.length === 0 ? (
          <p className="mt-3 text-slate-600">No e-mail yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 border-y border-slate-200">
            {loaderData.messages.map((message) => (
              <li key={message.id} className="py-4">
                <article aria-label={message.subject}>
                  <p className="text-sm text-slate-500">
                    To {message.to} · {new Date(message.createdAt).toISOString()} ·{' '}
                    <span data-status={message.status}>{message.status}</span>
                    {message.lastError ? ` · ${message.lastError}` : ''}
                  </p>
                  <h3 className="font-medium">{message.subject}</h3>
                  {message.headers ? (
                    <dl aria-label="Headers" className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 text-xs text-slate-600">
                      {Object.entries(message.headers).map(([name, value]) => (
                        <div key={name} className="contents">
                          <dt className="font-mono">{name}:</dt>
                          <dd className="break-all font-mono">{value}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                  <pre className="mt-2 whitespace-pre-wrap font-sans text-sm">{message.text}</pre>
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  )
}
