// The address of a weekly digest's one-click unsubscribe (RFC 8058): public, no sign-in; the
// token in it is the only authority (the same-origin check exempts exactly this shape).
import { appOrigin } from '~/modules/config/env.server'

export const digestUnsubscribePath = (slug: string, token: string) => `/notifications/${encodeURIComponent(slug)}/unsubscribe/${token}`

export const digestUnsubscribeUrl = (slug: string, token: string) => `${appOrigin()}${digestUnsubscribePath(slug, token)}`
