// One POST of a task to a webhook data system, and what came back, sorted for the connector:
// an answer (read with a hard cap, never whole beyond it), "accepted" (202: it answers later),
// unavailable for now (no answer in time, unreachable, 408, 429, 5xx: Candor sends it again
// later), or refused (another 4xx, a redirect, an answer too large: sending again will not help).
// The address is checked as typed and again at connection time, against the address the name
// resolves to then (private-networks.server.ts), so a name cannot be turned towards Candor's own
// network between the check and the call. Redirects are not followed.
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { isIP } from 'node:net'
import { isProduction } from '~/modules/config/env.server'
import { CONTROL_CHARACTER } from '~/modules/formats/control-characters'
import { checkEndpointUrl } from '~/modules/webhooks/endpoint-url'
import { reachableAddress } from '../private-networks.server'
import { MAX_ANSWER_BYTES } from './answer'

export type Reply =
  | { kind: 'answer'; text: string }
  | { kind: 'accepted' }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'refused'; reason: string }

/** Of a refusing answer, this much of its body is kept for staff: enough to see the reason. */
const EXCERPT_BYTES = 300

const megabytes = (bytes: number) => `${bytes / 1024 / 1024} MB`
const seconds = (count: number) => `${count} second${count === 1 ? '' : 's'}`

export async function sendTask(address: string, body: string, headers: Record<string, string>, timeoutSeconds: number): Promise<Reply> {
  const checked = checkEndpointUrl(address, { production: isProduction() })
  if (!checked.ok) return { kind: 'refused', reason: `The endpoint address is not accepted: ${checked.message}` }
  const url = new URL(checked.url)
  const send = url.protocol === 'https:' ? https.request : http.request
  return new Promise<Reply>((settle) => {
    let settled = false
    const resolve = (reply: Reply) => {
      if (!settled) settle(reply)
      settled = true
    }
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Candor-Data-Systems/1', 'content-length': String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(timeoutSeconds * 1000),
        lookup: checkedLookup,
      },
      (response) => {
        const status = response.statusCode ?? 0
        const answering = status >= 200 && status < 300
        const limit = answering ? MAX_ANSWER_BYTES : EXCERPT_BYTES
        const kept: Buffer[] = []
        let bytes = 0
        response.on('data', (chunk: Buffer) => {
          if (bytes > limit) return
          bytes += chunk.length
          kept.push(chunk)
          if (bytes <= limit) return
          if (answering) {
            resolve({
              kind: 'refused',
              reason: `The endpoint's answer is larger than ${megabytes(MAX_ANSWER_BYTES)}: send large collections through the upload URL, then the result.`,
            })
          }
          // Of a refusal only its first bytes are read: the rest is not Candor's business.
          response.destroy()
        })
        const text = () => Buffer.concat(kept).subarray(0, limit).toString('utf8')
        response.on('end', () => resolve(sorted(status, text())))
        response.on('close', () => {
          // An answer cut off (the time ran out while it arrived, the connection dropped) is
          // not an answer: the endpoint gets the task again.
          if (answering && !response.complete) resolve({ kind: 'unavailable', reason: `The endpoint's answer was cut off (no complete answer within ${seconds(timeoutSeconds)}).` })
          else resolve(sorted(status, text()))
        })
        response.on('error', () => undefined)
      },
    )
    request.on('error', (error: Error & { code?: string }) => {
      const timedOut = error.name === 'TimeoutError' || error.name === 'AbortError'
      resolve({
        kind: 'unavailable',
        reason: timedOut ? `No answer within ${seconds(timeoutSeconds)}.` : `Could not reach the endpoint: ${error.code ?? ''} ${error.message}`.replace(/\s+/g, ' '),
      })
    })
    request.end(body)
  })
}

function sorted(status: number, text: string): Reply {
  if (status === 202) return { kind: 'accepted' }
  if (status >= 200 && status < 300) return { kind: 'answer', text }
  const statusLine = [status, http.STATUS_CODES[status]].filter(Boolean).join(' ')
  if (status === 408 || status === 429 || status >= 500) return { kind: 'unavailable', reason: `The endpoint answered ${statusLine}.` }
  if (status >= 300 && status < 400) return { kind: 'refused', reason: `The endpoint answered ${statusLine} (a redirect): Candor does not follow redirects; enter the final address.` }
  const excerpt = text.replace(new RegExp(CONTROL_CHARACTER.source, 'g'), ' ').replace(/\s+/g, ' ').trim()
  return { kind: 'refused', reason: `The endpoint refused the task: ${statusLine}${excerpt ? ` — “${excerpt}”` : ''}.` }
}

/** Resolve the name now and connect to the address checked (private-networks.server.ts). */
const checkedLookup: LookupFunction = (hostname, options, callback) => {
  reachableAddress(hostname).then(
    (address) => {
      const family = isIP(address)
      if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }])
      else callback(null, address, family)
    },
    (error: Error) => callback(Object.assign(error, { code: 'EREFUSED' }), '', 4),
  )
}
