// The actions of the request page in one panel: a side column that stays in view on wide
// screens, at the top on phones. The common path (assign to me, reply from a template,
// complete) is open; asking the requester, notes, extending and rejecting fold away. After
// each action the page comes back here (#actions) with a sentence saying what happened.
import { Form } from 'react-router'
import { Field } from '~/components/field'
import { CONFIRMATIONS } from '~/modules/dsar/desk/confirmations'
import type { RequestView } from '~/modules/dsar/desk/request-view.server'
import { ConfirmSubmit } from './confirm-submit'
import { ReplyForm } from './reply-form'
import { type FormEcho, button, danger, echoError, echoValue, primary } from './styles'

function Fold({ title, open, children }: { title: string; open: boolean; children: React.ReactNode }) {
  return (
    <details open={open} className="group rounded border border-slate-200 bg-white">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium hover:bg-slate-50">{title}</summary>
      <div className="border-t border-slate-200 p-3">{children}</div>
    </details>
  )
}

function AssignForms({ view, echo }: { view: RequestView; echo: FormEcho }) {
  const { request, me, workers } = view
  return (
    <div className="grid gap-2">
      {request.assigneeId !== me.userId && workers.some((worker) => worker.userId === me.userId) ? (
        <Form method="post">
          <input type="hidden" name="assigneeId" value={me.userId} />
          <button type="submit" name="intent" value="assign" className={primary}>
            Assign to me
          </button>
        </Form>
      ) : null}
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="assigneeId" className="block text-sm font-medium">
            Assignee
          </label>
          <select
            id="assigneeId"
            name="assigneeId"
            defaultValue={echoValue(echo, 'assign', 'assigneeId') ?? request.assigneeId}
            className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2"
          >
            <option value="">Nobody</option>
            {workers.map((worker) => (
              <option key={worker.userId} value={worker.userId}>
                {worker.email}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" name="intent" value="assign" className={button}>
          Assign
        </button>
        {echoError(echo, 'assign', 'assigneeId') ? <p className="w-full text-sm text-red-700">{echoError(echo, 'assign', 'assigneeId')}</p> : null}
      </Form>
    </div>
  )
}

function AskForm({ echo }: { echo: FormEcho }) {
  return (
    <Form method="post" className="grid gap-3" noValidate>
      <fieldset>
        <legend className="text-sm font-medium">What is missing</legend>
        <div className="mt-1 grid gap-1 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="reason" value="identity" defaultChecked={(echoValue(echo, 'ask', 'reason') ?? 'identity') === 'identity'} />
            Identity information
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="reason" value="clarification" defaultChecked={echoValue(echo, 'ask', 'reason') === 'clarification'} />
            A clarification of the request
          </label>
        </div>
        {echoError(echo, 'ask', 'reason') ? <p className="mt-1 text-sm text-red-700">{echoError(echo, 'ask', 'reason')}</p> : null}
      </fieldset>
      <Field
        label="What you need from the requester"
        name="question"
        multiline
        hint="The request waits for their answer: the UK GDPR clock stops, and the GDPR adjusted date leaves the wait out."
        value={echoValue(echo, 'ask', 'question')}
        error={echoError(echo, 'ask', 'question')}
      />
      <div>
        <button type="submit" name="intent" value="ask" className={button}>
          Ask the requester
        </button>
      </div>
    </Form>
  )
}

function RejectForm({ view, echo }: { view: RequestView; echo: FormEcho }) {
  const groundError = echoError(echo, 'reject', 'ground')
  return (
    <Form method="post" className="grid gap-3" noValidate>
      <div>
        <label htmlFor="ground" className="block text-sm font-medium">
          Legal ground
        </label>
        <select
          id="ground"
          name="ground"
          defaultValue={echoValue(echo, 'reject', 'ground') ?? ''}
          aria-invalid={groundError ? true : undefined}
          aria-describedby={groundError ? 'ground-error' : undefined}
          className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2"
        >
          <option value="">Choose a ground</option>
          {view.rejectionGrounds.map((ground) => (
            <option key={ground.value} value={ground.value}>
              {ground.label}
            </option>
          ))}
        </select>
        {groundError ? (
          <p id="ground-error" className="mt-1 text-sm text-red-700">
            {groundError}
          </p>
        ) : null}
      </div>
      <Field
        label="Explanation for the requester"
        name="explanation"
        multiline
        hint="Sent with the ground and their right to complain to a supervisory authority."
        value={echoValue(echo, 'reject', 'explanation')}
        error={echoError(echo, 'reject', 'explanation')}
      />
      <ConfirmSubmit intent="reject" label="Reject the request" confirmation={CONFIRMATIONS.reject} className={danger} error={echoError(echo, 'reject', 'confirm')} />
    </Form>
  )
}

export function ActionPanel({ view, echo }: { view: RequestView; echo: FormEcho }) {
  const { request, outcome } = view
  return (
    <section id="actions" aria-labelledby="actions-heading" className="grid gap-4 rounded-lg border border-slate-200 bg-slate-50 p-4">
      <h2 id="actions-heading" className="text-lg font-semibold">
        Work on this request
      </h2>
      {outcome ? (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="action-outcome">
          {outcome.message}
        </p>
      ) : null}
      <AssignForms view={view} echo={echo} />
      <ReplyForm templates={view.templates} reply={view.reply} echo={echo} />
      {request.open ? (
        <Form method="post" className="grid gap-3 border-t border-slate-200 pt-4" noValidate>
          <Field
            label="Completion message"
            name="completionMessage"
            multiline
            hint="E-mailed to the requester with the outcome (and the erasure dates, or the download)."
            value={echoValue(echo, 'complete', 'completionMessage') ?? `We have completed your request ${request.reference}.`}
            error={echoError(echo, 'complete', 'completionMessage')}
          />
          <ConfirmSubmit
            intent="complete"
            label="Complete the request"
            confirmation={CONFIRMATIONS.complete}
            className={primary}
            error={echoError(echo, 'complete', 'confirm')}
          />
        </Form>
      ) : null}
      <div className="grid gap-2">
        {request.open && !request.awaiting ? (
          <Fold title="Ask the requester" open={echo.failed === 'ask'}>
            <AskForm echo={echo} />
          </Fold>
        ) : null}
        <Fold title="Internal note" open={echo.failed === 'note'}>
          <Form method="post" className="grid gap-3" noValidate>
            <Field
              label="Note for staff (the requester does not see it)"
              name="note"
              multiline
              value={echoValue(echo, 'note', 'note')}
              error={echoError(echo, 'note', 'note')}
            />
            <div>
              <button type="submit" name="intent" value="note" className={button}>
                Add note
              </button>
            </div>
          </Form>
        </Fold>
        {request.canExtend ? (
          <Fold title="Extend the deadline" open={echo.failed === 'extend'}>
            <Form method="post" className="grid gap-3" noValidate>
              <Field
                label="Reason for the extension"
                name="extensionReason"
                multiline
                hint={`The law allows one extension${request.extendsTo ? `, to ${request.extendsTo}` : ''}. The requester is e-mailed the new date and this reason.`}
                value={echoValue(echo, 'extend', 'extensionReason')}
                error={echoError(echo, 'extend', 'extensionReason')}
              />
              <ConfirmSubmit intent="extend" label="Extend" confirmation={CONFIRMATIONS.extend} className={button} error={echoError(echo, 'extend', 'confirm')} />
            </Form>
          </Fold>
        ) : null}
        {request.open ? (
          <Fold title="Reject" open={echo.failed === 'reject'}>
            <RejectForm view={view} echo={echo} />
          </Fold>
        ) : null}
      </div>
    </section>
  )
}
