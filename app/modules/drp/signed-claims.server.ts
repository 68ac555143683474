// Opening an agent's signed message and checking the envelope's claims, in the order of §3.07:
// base64, the signature against the agent's key, the agent-id, the business-id, then issued-at
// and expires-at. What is left (the request's own fields) is the caller's to validate.
import type { DrpAgent } from '~/generated/prisma/client'
import { parseJsonBody } from '~/modules/http/json-body'
import { businessIdOf } from './business-id'
import { openEnvelope } from './signed-message.server'
import { verifyKeyBytes } from './verify-key'
import { checkWindow } from './wire'

export type Claims = Record<string, unknown>

export type Checked =
  | { ok: true; claims: Claims; sha256: string }
  | { ok: false; status: 400 | 403; message: string; fatal?: boolean }

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** The signed JSON object in `body`, checked up to the signature (no envelope claims). */
export function openSigned(body: string, agent: Pick<DrpAgent, 'verifyKey'>): Checked {
  const key = verifyKeyBytes(agent.verifyKey)
  if (!key) return { ok: false, status: 403, message: 'The agent’s verify key is not usable.' }
  const opened = openEnvelope(body, key)
  if (!opened.ok) {
    return opened.problem === 'bad_signature'
      ? { ok: false, status: 403, message: 'The signature does not verify with this agent’s key.' }
      : { ok: false, status: 400, message: 'Send the signed message base64-encoded (a 64-byte Ed25519 signature, then the JSON), as text/plain.' }
  }
  let text: string
  try {
    text = UTF8.decode(opened.message)
  } catch {
    return { ok: false, status: 400, message: 'The signed message is not UTF-8 text.' }
  }
  const json = parseJsonBody(text)
  if (!json.ok) return { ok: false, status: 400, message: `The signed message: ${json.message}` }
  if (typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) {
    return { ok: false, status: 400, message: 'The signed message must be a JSON object.' }
  }
  return { ok: true, claims: json.value as Claims, sha256: opened.sha256 }
}

/** `openSigned`, then the claims every setup and exercise message carries (§3.07). */
export function checkSignedEnvelope(body: string, agent: Pick<DrpAgent, 'verifyKey' | 'agentId'>, slug: string, now = new Date()): Checked {
  const opened = openSigned(body, agent)
  if (!opened.ok) return opened
  const { claims } = opened
  if (claims['agent-id'] !== agent.agentId) {
    return { ok: false, status: 403, message: 'agent-id does not name the agent this token and key belong to.', fatal: true }
  }
  if (claims['business-id'] !== businessIdOf(slug)) {
    return { ok: false, status: 403, message: `business-id does not name this covered business (${businessIdOf(slug)}).`, fatal: true }
  }
  const window = checkWindow(claims['issued-at'], claims['expires-at'], now)
  if (!window.ok) return { ok: false, status: 400, message: window.message, fatal: true }
  return opened
}
