// The public addresses of a workspace's sub-processor notices, for pages and e-mails. Links in
// e-mails are absolute, at the origin the subscriber reached the trust page at.

export function subprocessorLinks(origin: string, slug: string) {
  const base = `${origin}/t/${encodeURIComponent(slug)}/subprocessors`
  return {
    subscribe: `${base}/subscribe`,
    changes: `${base}/changes`,
    feed: `${base}/feed.atom`,
    confirm: (token: string) => `${base}/confirm/${token}`,
    unsubscribe: (token: string) => `${base}/unsubscribe/${token}`,
    object: (token: string) => `${base}/object/${token}`,
  }
}

/** The bare address of a From header ("Acme <privacy@acme.example>" → privacy@acme.example). */
export function mailboxOf(from: string): string {
  const angled = /<([^<>\s]+@[^<>\s]+)>/.exec(from)
  return (angled?.[1] ?? from).trim()
}
