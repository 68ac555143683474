// Every e-mail to a member about work that they can turn off ends with where to do so.
import { appOrigin } from '~/modules/config/env.server'

export const PREFERENCES_PATH = '/account/notifications'

/** `mail` with its closing line: the link to the member's notification preferences. */
export function withPreferencesLink<Mail extends { text: string }>(mail: Mail): Mail {
  return { ...mail, text: `${mail.text}\n\nChoose which e-mails you get from Candor: ${appOrigin()}${PREFERENCES_PATH}` }
}
