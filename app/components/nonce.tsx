// The request's CSP nonce, provided while rendering on the server (browsers hide it from the DOM,
// so on the client it is empty, which is what they expect).
import { createContext, useContext } from 'react'

const NonceContext = createContext('')

export const NonceProvider = NonceContext.Provider

export const useNonce = () => useContext(NonceContext)
