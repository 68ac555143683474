// Stores Content-Security-Policy violation reports. Browsers send two formats: the older
// `report-uri` body ({"csp-report": {...}}) and the Reporting API's list of reports.
import { z } from 'zod'
import { db } from '~/modules/db/client.server'
import { scrubUrl } from '~/modules/observability/scrub'

export const CSP_REPORT_MAX_BYTES = 16 * 1024

const text = (max: number) =>
  z
    .string()
    .transform((value) => value.slice(0, max))
    .optional()

/** A line number fits the column (a PostgreSQL integer); no browser sends a larger one. */
const lineNumber = z.number().int().min(0).max(2 ** 31 - 1).optional()

const legacyReport = z.object({
  'csp-report': z.object({
    'document-uri': z.string().min(1),
    'violated-directive': z.string().optional(),
    'effective-directive': z.string().optional(),
    'blocked-uri': text(2048),
    'source-file': text(2048),
    'line-number': lineNumber,
  }),
})

const reportingApiReport = z
  .array(
    z.object({
      type: z.string(),
      body: z.object({
        documentURL: z.string().min(1),
        effectiveDirective: z.string().optional(),
        blockedURL: text(2048),
        sourceFile: text(2048),
        lineNumber,
      }),
    }),
  )
  .max(20)

type Violation = {
  documentUri: string
  violatedDirective: string
  blockedUri?: string
  sourceFile?: string
  lineNumber?: number
}

/** Parse a report body; null when it is neither format. */
export function parseCspReport(body: unknown): Violation[] | null {
  const legacy = legacyReport.safeParse(body)
  if (legacy.success) {
    const r = legacy.data['csp-report']
    return [
      {
        documentUri: r['document-uri'],
        violatedDirective: r['effective-directive'] ?? r['violated-directive'] ?? 'unknown',
        blockedUri: r['blocked-uri'],
        sourceFile: r['source-file'],
        lineNumber: r['line-number'],
      },
    ]
  }
  const modern = reportingApiReport.safeParse(body)
  if (modern.success) {
    return modern.data
      .filter((report) => report.type === 'csp-violation')
      .map(({ body: r }) => ({
        documentUri: r.documentURL,
        violatedDirective: r.effectiveDirective ?? 'unknown',
        blockedUri: r.blockedURL,
        sourceFile: r.sourceFile,
        lineNumber: r.lineNumber,
      }))
  }
  return null
}

/** Store violations with query strings removed (they may carry personal data). */
export async function recordCspViolations(violations: Violation[]): Promise<number> {
  const result = await db().cspReport.createMany({
    data: violations.map((v) => ({
      documentUri: scrubUrl(v.documentUri).slice(0, 2048),
      violatedDirective: v.violatedDirective.slice(0, 200),
      blockedUri: v.blockedUri === undefined ? null : scrubUrl(v.blockedUri),
      sourceFile: v.sourceFile === undefined ? null : scrubUrl(v.sourceFile),
      lineNumber: v.lineNumber ?? null,
    })),
  })
  return result.count
}

/** Delete reports older than `days` (maintenance job). */
export async function deleteOldCspReports(days: number): Promise<number> {
  const before = new Date(Date.now() - days * 86_400_000)
  const result = await db().cspReport.deleteMany({ where: { createdAt: { lt: before } } })
  return result.count
}
