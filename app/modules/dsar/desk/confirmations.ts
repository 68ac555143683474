// What each binding action does, in the words shown beside its confirmation (box or dialog)
// and in the server's refusal when the confirmation is missing.
export const CONFIRMATIONS = {
  extend: 'the requester is told the new date, and the law allows only one extension.',
  reject: 'the requester is told the refusal and its ground; a rejected request cannot be reopened.',
  complete: 'the requester is told the request is complete; a completed request cannot be reopened.',
  confirm_backups: 'the requester is told this system’s backups no longer hold their data, as the company’s word; it cannot be taken back.',
} as const
