// The development mailbox's form action, given what a script or a confused client might send.
import { RouterContextProvider } from 'react-router'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { action } from '~/routes/dev/mailbox'

type ActionArgs = Parameters<typeof action>[0]

function submit(body: string, contentType: string) {
  const request = new Request('http://127.0.0.1:3000/dev/mailbox', {
    method: 'POST',
    body,
    headers: { 'content-type': contentType },
  })
  return action({ request, params: {}, context: new RouterContextProvider() } as unknown as ActionArgs)
}

describe('the mailbox action', () => {
  it('answers a JSON body with 415 in plain words, and queues nothing', async () => {
    const thrown = await submit(JSON.stringify({ to: 'ann@example.com', subject: 'Hi', text: 'x' }), 'application/json').catch(
      (error: unknown) => error,
    )
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(415)
    expect(await (thrown as Response).text()).toBe('This address accepts only HTML form submissions.')
    const { rows } = await ownerPool().query('SELECT count(*)::int AS n FROM email_message')
    expect(rows).toEqual([{ n: 0 }])
  })

  it('answers a form with field messages, status 400', async () => {
    const answer = await submit('to=not-an-address', 'application/x-www-form-urlencoded')
    expect(answer).toMatchObject({ init: { status: 400 } })
  })
})
