// Facts about the current request that the HTTP server knows and routes need: the CSP nonce
// for inline scripts and the client's address (for rate limits). Set by server/http.ts.
import { createContext } from 'react-router'

export type RequestInfo = { nonce: string; clientIp: string }

export const requestInfoContext = createContext<RequestInfo>()
