// Replying to the requester, optionally from a template. With JavaScript, choosing a template
// puts its text (filled in on the server for this request) into the reply at once; without
// it, "Use template" reloads the page with ?template= and the server fills the box.
import { useRef, useState } from 'react'
import { Form } from 'react-router'
import { useHydrated } from '~/components/use-hydrated'
import type { RequestView } from '~/modules/dsar/desk/request-view.server'
import { type FormEcho, button, echoError, echoValue, primary } from './styles'

export function ReplyForm({ templates, reply, echo }: { templates: RequestView['templates']; reply: RequestView['reply']; echo: FormEcho }) {
  const hydrated = useHydrated()
  const message = useRef<HTMLTextAreaElement>(null)
  const [chosen, setChosen] = useState(reply.templateId)
  const unknown = templates.find((template) => template.id === chosen)?.unknown ?? (chosen === reply.templateId ? reply.unknown : [])
  const error = echoError(echo, 'reply', 'message')
  const choose = (id: string) => {
    setChosen(id)
    const template = templates.find((t) => t.id === id)
    if (template && message.current) {
      message.current.value = template.text
      message.current.focus()
    }
  }
  return (
    <div className="grid gap-3">
      {templates.length > 0 ? (
        <Form method="get" preventScrollReset className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor="template" className="block text-sm font-medium">
              Reply template
            </label>
            <select
              id="template"
              name="template"
              value={chosen}
              onChange={(event) => choose(event.target.value)}
              className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2"
            >
              <option value="">No template</option>
              {templates.map((template) => (
                <option key={template.id} value={template.id}>
                  {template.label}
                </option>
              ))}
            </select>
          </div>
          {hydrated ? null : (
            <button type="submit" className={button}>
              Use template
            </button>
          )}
        </Form>
      ) : null}
      {reply.missing ? <p className="text-sm text-amber-800">That reply template no longer exists.</p> : null}
      {unknown.length > 0 ? (
        <p role="status" className="text-sm text-amber-800">
          The template uses {unknown.map((name) => (name.startsWith('{{') ? name : `{{${name}}}`)).join(', ')}, which Candor cannot fill
          in: edit the text before sending.
        </p>
      ) : null}
      <Form method="post" className="grid gap-3" noValidate>
        <div>
          <label htmlFor="message" className="block text-sm font-medium">
            Reply (e-mailed to the requester and shown on their status page)
          </label>
          <textarea
            key={reply.templateId}
            ref={message}
            id="message"
            name="message"
            rows={5}
            defaultValue={echoValue(echo, 'reply', 'message') ?? reply.text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'message-error' : undefined}
            className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2"
          />
          {error ? (
            <p id="message-error" className="mt-1 text-sm text-red-700">
              {error}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" name="intent" value="reply" className={primary}>
            Send reply
          </button>
        </div>
      </Form>
    </div>
  )
}
