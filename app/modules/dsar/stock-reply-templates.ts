// Candor's stock reply templates, one per request type (issue 18): a first answer staff can send
// as it is or adapt, saying only what is true of any request at that point (it is received,
// under its reference, with its due date; what happens next). Added to a workspace only for
// the types it has no template for (stock-reply-templates.server.ts), in English.
import type { RequestType } from '~/generated/prisma/enums'

const closing = '\n\nKind regards,\n{{company}}'

export const STOCK_REPLY_TEMPLATES: Record<RequestType, { name: string; body: string }> = {
  access: {
    name: 'Access: we are on it',
    body: `Hello {{name}},\n\nWe are working on your request to access your personal data (reference {{reference}}). We will send you a copy of the data we hold about you, with why and how we use it, by {{due_date}}.${closing}`,
  },
  portability: {
    name: 'Portability: we are on it',
    body: `Hello {{name}},\n\nWe are preparing the personal data you gave us in a machine-readable format, as you asked (reference {{reference}}). We will send it by {{due_date}}.${closing}`,
  },
  erasure: {
    name: 'Erasure: we are on it',
    body: `Hello {{name}},\n\nWe are working on your request to delete your personal data (reference {{reference}}). We will tell you by {{due_date}} what we deleted, and anything we must keep and why.${closing}`,
  },
  rectification: {
    name: 'Rectification: we are on it',
    body: `Hello {{name}},\n\nWe are correcting your personal data as you asked (reference {{reference}}). If we need more detail to make the correction, we will ask you. We will confirm by {{due_date}}.${closing}`,
  },
  restriction: {
    name: 'Restriction: we are on it',
    body: `Hello {{name}},\n\nWe have received your request to restrict the processing of your personal data (reference {{reference}}). We will tell you by {{due_date}} what we have restricted.${closing}`,
  },
  objection: {
    name: 'Objection: we are on it',
    body: `Hello {{name}},\n\nWe have received your objection to the processing of your personal data (reference {{reference}}). We will answer by {{due_date}}, with what we stop and, if we continue any processing, our grounds for it.${closing}`,
  },
  opt_out: {
    name: 'Opt-out: we are on it',
    body: `Hello {{name}},\n\nWe have received your request that we do not sell or share your personal data (reference {{reference}}). We will confirm by {{due_date}}.${closing}`,
  },
}
