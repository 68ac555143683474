// Deliver one stored e-mail: through Resend when RESEND_API_KEY is set (then the stored copy loses
// every bearer token: bearer-tokens.ts), otherwise into the local outbox shown at /dev/mailbox
// (development: the outbox is the recipient's mailbox, so its links work until retention.purge
// redacts them a day later). Idempotent: a delivered message is not sent again, and Resend is
// given the message id as its idempotency key in case a crash lost our record of the send.
import { Resend } from 'resend'
import { env } from '~/modules/config/env.server'
import { type Tx, withPlatform, withTenant } from '~/modules/db/tenant.server'
import { type EmailMessage, Prisma } from '~/generated/prisma/client'
import { redactedMessage } from './bearer-tokens'
import type { EmailJob } from './email.server'
import { EmailHeaderError, type HeaderFields, headerFields } from './header-fields'

export class EmailDeliveryError extends Error {}

const SYSTEM = { type: 'system', reason: 'email delivery' } as const

function inScope<T>(job: EmailJob, work: (tx: Tx) => Promise<T>): Promise<T> {
  return job.workspaceId
    ? withTenant({ workspaceId: job.workspaceId, actor: SYSTEM }, work)
    : withPlatform(work)
}

export type DeliveryOutcome = 'sent' | 'outbox' | 'already-delivered' | 'missing'

export async function deliverEmail(job: EmailJob): Promise<DeliveryOutcome> {
  const { RESEND_API_KEY, RESEND_BASE_URL } = env()
  // One transaction counts the attempt and, for the outbox, delivers; with Resend the attempt
  // is committed before the send, so one cut short by a crash still shows.
  const prepared = await inScope(job, async (tx): Promise<DeliveryOutcome | { refused: EmailHeaderError } | { message: EmailMessage; fields: HeaderFields }> => {
    const message = await tx.emailMessage
      .update({ where: { id: job.messageId }, data: { attempts: { increment: 1 } } })
      .catch((error: { code?: string }) => {
        if (error.code === 'P2025') return null // deleted (workspace removed): nothing to deliver
        throw error
      })
    if (!message) return 'missing'
    if (message.status === 'sent' || message.status === 'outbox') return 'already-delivered'
    // On both paths: a row stored before this rule, or written around queueEmail, is not sent
    // with a header it could add; the outbox keeps the subject and sender as they would have gone out.
    let fields: HeaderFields
    try {
      fields = headerFields(message)
    } catch (error) {
      if (error instanceof EmailHeaderError) return { refused: error }
      throw error
    }
    if (!RESEND_API_KEY) {
      await tx.emailMessage.update({
        where: { id: message.id },
        data: { status: 'outbox', deliveredAt: new Date(), lastError: null, from: fields.from, subject: fields.subject },
      })
      return 'outbox'
    }
    return { message, fields }
  })
  if (typeof prepared === 'string') return prepared
  if ('refused' in prepared) {
    await inScope(job, (tx) => tx.emailMessage.update({ where: { id: job.messageId }, data: { lastError: prepared.refused.message } }))
    throw prepared.refused
  }
  const { message, fields } = prepared

  const resend = new Resend(RESEND_API_KEY, { baseUrl: RESEND_BASE_URL })
  const { data, error } = await resend.emails.send(
    {
      ...fields,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
    },
    { idempotencyKey: `email-message-${message.id}` },
  )
  if (error || !data) {
    const reason = error ? `${error.name}: ${error.message}` : 'Resend returned no message id'
    await inScope(job, (tx) =>
      tx.emailMessage.update({ where: { id: message.id }, data: { lastError: reason } }),
    )
    throw new EmailDeliveryError(`E-mail ${message.id} was not accepted by Resend (${reason})`)
  }
  // The provider has the message now: our copy keeps no link that grants anything by itself.
  const redacted = redactedMessage(message)
  await inScope(job, (tx) =>
    tx.emailMessage.update({
      where: { id: message.id },
      data: {
        status: 'sent', providerId: data.id, deliveredAt: new Date(), lastError: null,
        text: redacted.text, html: redacted.html, headers: redacted.headers ?? Prisma.DbNull,
      },
    }),
  )
  return 'sent'
}

/** The delivery gave up after every retry: say so on the message. */
export async function markEmailFailed(job: EmailJob): Promise<void> {
  await inScope(job, (tx) =>
    tx.emailMessage.updateMany({
      where: { id: job.messageId, status: 'queued' },
      data: { status: 'failed' },
    }),
  )
}
