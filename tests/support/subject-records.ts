// Many records about one data subject, inserted in bulk as the database owner (test data for
// exports, erasures and their benchmarks): e-mails a shop sent them, and earlier privacy
// requests of theirs that were closed long ago; and what the trust center holds about them.
import { randomUUID } from 'node:crypto'
import { ownerPool } from '~/modules/db/owner.server'
import { reportInput } from '~/modules/disclosure/report-form'
import { submitReport } from '~/modules/disclosure/reports.server'
import { signInput } from '~/modules/dpa/forms'
import { publicOffer, signDpa } from '~/modules/dpa/signing.server'
import { accessRequestInput } from '~/modules/trust/document-forms'
import { requestDocumentAccess } from '~/modules/trust/document-requests.server'

/** `count` delivered e-mails to `email`, one a minute going back in time. */
export async function addEmailsTo(workspaceId: string, email: string, count: number): Promise<void> {
  await ownerPool().query(
    `INSERT INTO email_message (id, workspace_id, "to", "from", subject, text, status, attempts, created_at, delivered_at)
     SELECT gen_random_uuid(), $1, $2, 'Shop <orders@shop.example>',
            'Your order ' || g || ' has shipped',
            'Hello, your order ' || g || E' is on its way.\nTracking: ' || upper(md5(g::text)) ||
              E'\nItems: ' || (g % 7 + 1) || E' × article ' || substr(md5((g * 31)::text), 1, 10) ||
              E'\nThank you for shopping with us. Questions? Reply to this e-mail or see ' ||
              'https://shop.example/orders/' || md5((g * 7)::text),
            'sent', 1, now() - g * interval '1 minute', now() - g * interval '1 minute'
       FROM generate_series(1, $3::int) AS g`,
    [workspaceId, email, count],
  )
  // Autovacuum analyzes a table soon after such an insert; without statistics the connector's
  // keyset pages can be planned as whole-table scans, which no long-lived database does.
  await ownerPool().query('ANALYZE email_message')
}

/** `count` completed access requests by `email`, filed over a year ago, each with its timeline entry. */
export async function addClosedRequestsBy(workspaceId: string, email: string, subjectName: string, count: number): Promise<void> {
  await ownerPool().query(
    `WITH earlier AS (
       INSERT INTO privacy_request (id, workspace_id, reference, type, jurisdiction, state, subject_name, email,
                                    relationship, details, portal_origin, submitted_at, received_at, completed_at)
       SELECT gen_random_uuid(), $1,
              'R-' || translate(lpad(to_hex(g), 8, '0'), '0123456789abcdef', '23456789ABCDEFGH'),
              'access', 'gdpr', 'completed', $3, $2, 'customer', 'Earlier request ' || g, 'https://portal.example',
              now() - interval '400 days' + g * interval '1 minute',
              now() - interval '400 days' + g * interval '1 minute',
              now() - interval '380 days' + g * interval '1 minute'
         FROM generate_series(1, $4::int) AS g
       RETURNING id, workspace_id
     )
     INSERT INTO request_event (id, workspace_id, request_id, kind, public, body)
     SELECT gen_random_uuid(), workspace_id, id, 'submitted', true, 'Request filed.' FROM earlier`,
    [workspaceId, email, subjectName, count],
  )
}

/**
 * The trust center's records of `email` in a workspace set up by `documentsOf` and `signedDpaOf`,
 * made through the real forms: three requests for the gated document (left approved, pending and
 * denied), a signed DPA and a vulnerability report. Returns the report's reference.
 */
export async function addTrustRecordsOf(slug: string, gatedId: string, email: string, name: string): Promise<string> {
  const ip = () => randomUUID()
  const { rows: nda } = await ownerPool().query(
    'SELECT v.id FROM trust_nda_version v JOIN workspace w ON w.id = v.workspace_id WHERE w.slug = $1 ORDER BY v.number DESC LIMIT 1',
    [slug],
  )
  const ids: string[] = []
  for (let i = 0; i < 3; i++) {
    const input = accessRequestInput.parse({ name, email, company: `${name} Ltd`, ndaVersionId: nda[0].id, accept: 'yes' })
    const asked = await requestDocumentAccess(slug, gatedId, input, { ip: ip(), userAgent: 'vitest', publicOrigin: 'https://trust.example' })
    if (asked.outcome !== 'approved' && asked.outcome !== 'pending') throw new Error(`the request was ${asked.outcome}`)
    const { rows } = await ownerPool().query(
      `SELECT r.id FROM trust_document_request r JOIN workspace w ON w.id = r.workspace_id
        WHERE r.email = $1 AND w.slug = $2 AND NOT r.id = ANY($3::uuid[]) ORDER BY r.created_at DESC LIMIT 1`,
      [email, slug, ids],
    )
    ids.push(rows[0].id)
  }
  await ownerPool().query(`UPDATE trust_document_request SET state = 'approved', decided_at = now(), access_token_hash = md5(id::text), access_expires_at = now() + interval '7 days' WHERE id = $1`, [ids[0]])
  await ownerPool().query(`UPDATE trust_document_request SET state = 'pending', decided_at = NULL, access_token_hash = NULL, access_expires_at = NULL WHERE id = $1`, [ids[1]])
  await ownerPool().query(`UPDATE trust_document_request SET state = 'denied', decided_at = now(), deny_reason = 'Not a customer', access_token_hash = NULL, access_expires_at = NULL WHERE id = $1`, [ids[2]])

  const appOrigin = 'https://candor.example'
  const shown = await publicOffer(slug, appOrigin)
  const signature = signInput.parse({
    signerName: name,
    signerTitle: 'Counsel',
    companyName: `${name} Ltd`,
    signerEmail: email,
    authority: 'yes',
    offer: shown?.offer?.sha256,
  })
  const signed = await signDpa(slug, signature, { ip: ip(), appOrigin })
  if (signed.outcome !== 'signed') throw new Error(`the DPA was not signed (${signed.outcome})`)

  const report = reportInput.parse({
    reporterName: name,
    reporterEmail: email,
    affectedSurface: 'https://app.example/api/v1/invoices/:id',
    reproductionSteps: 'GET /api/v1/invoices/<id of another tenant> returns it.',
    severity: 'high',
    preferredTimeline: 'policy',
  })
  const filed = await submitReport(slug, report, { ip: ip(), appOrigin })
  if (filed.outcome !== 'filed') throw new Error(`the report was not filed (${filed.outcome})`)
  return filed.reference
}
