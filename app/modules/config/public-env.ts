// The environment values the browser may see, passed through an explicit allowlist
// (publicEnv() in env.server.ts) and rendered into the page as window.ENV.

export type PublicEnv = { SENTRY_DSN?: string; SENTRY_ENVIRONMENT: string }

declare global {
  interface Window {
    ENV?: PublicEnv
  }
}

/** A script body that defines window.ENV, safe to inline (no "</script>" can break out). */
export function publicEnvScript(values: PublicEnv): string {
  return `window.ENV = ${JSON.stringify(values).replace(/</g, '\\u003c')}`
}
