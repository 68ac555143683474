// What a webhook data system answers a task with: at once (200) or later on its callback URL, the
// same JSON either way. An access answer lists collections, each with its rows inline or
// uploaded beforehand (PUT …/collections/:name); an erasure answer counts what was erased and
// names what is kept on purpose, with why. Checked here, once, for both ways of answering.
import { z } from 'zod'
import { parseJsonBody } from '~/modules/http/json-body'

/** The most an answer's JSON may weigh; larger collections go through the upload URL. */
export const MAX_ANSWER_BYTES = 5 * 1024 * 1024

export const COLLECTION_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/
const collectionName = z.string().regex(COLLECTION_NAME, 'A collection name is 1 to 64 lower-case letters, digits, “_” or “-”, starting with a letter or digit.')
const label = (max: number) => z.string().trim().min(1).max(max)

const collectionHead = {
  name: collectionName,
  description: z.string().trim().max(500).default(''),
  fields: z.array(label(200)).min(1).max(500),
}

const inlineCollection = z.object({ ...collectionHead, rows: z.array(z.record(z.string(), z.unknown())).max(1_000_000) })
const uploadedCollection = z.object({ ...collectionHead, uploaded: z.literal(true) })

export const accessAnswerSchema = z.object({
  collections: z
    .array(z.union([inlineCollection, uploadedCollection]))
    .max(200)
    .refine((list) => new Set(list.map((c) => c.name)).size === list.length, 'Each collection name may appear once.'),
})
export type AccessAnswer = z.infer<typeof accessAnswerSchema>

const count = z.number().int('A count is a whole number.').min(0).max(1_000_000_000_000)

export const erasureAnswerSchema = z.object({
  counts: z.array(z.object({ what: label(200), count })).max(200),
  kept: z.array(z.object({ what: label(200), count, why: label(500) })).max(200).optional(),
})
export type ErasureAnswer = z.infer<typeof erasureAnswerSchema>

export type ParsedAnswer<T> = { ok: true; value: T } | { ok: false; message: string }

/** The answer in `text` for a task of `mode`, or a message that says what is wrong with it. */
export function parseAnswer(mode: 'access', text: string): ParsedAnswer<AccessAnswer>
export function parseAnswer(mode: 'erasure', text: string): ParsedAnswer<ErasureAnswer>
export function parseAnswer(mode: 'access' | 'erasure', text: string): ParsedAnswer<AccessAnswer | ErasureAnswer> {
  const body = parseJsonBody(text)
  if (!body.ok) return body
  const parsed = (mode === 'access' ? accessAnswerSchema : erasureAnswerSchema).safeParse(body.value)
  if (parsed.success) return { ok: true, value: parsed.data }
  const issue = parsed.error.issues[0]!
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
  return { ok: false, message: `The ${mode} answer is not in the expected form (${where}${issue.message}).` }
}
