// The words of a "temporarily unavailable" answer (503), shared by the server's plain page and
// the error boundary that shows it after a client-side navigation.
export const UNAVAILABLE_TITLE = 'Temporarily unavailable'
export const UNAVAILABLE_MESSAGE = 'Candor cannot reach its database just now. Please try again in a minute.'
