// Many records about one data subject, inserted in bulk as the database owner (test data for
// exports, erasures and their benchmarks): e-mails a shop sent them, and earlier privacy
// requests of theirs that were closed long ago.
import { ownerPool } from '~/modules/db/owner.server'

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
