// negotiator 1.x (jshttp), the part Candor uses. @types/negotiator describes 0.6, which has no
// `preferred` option.
declare module 'negotiator' {
  type Headers = Record<string, string | readonly string[] | undefined>
  class Negotiator {
    constructor(request: { headers: Headers })
    /** The best of `available` by the Accept-Encoding header's q-values; `preferred` breaks ties. */
    encoding(available: readonly string[], options?: { preferred?: readonly string[] }): string | undefined
  }
  export = Negotiator
}
