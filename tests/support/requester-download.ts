// A data subject downloads their export the way the portal lets them: asks for a code to
// follow the request, enters it (which opens a session cookie on that request's page), then
// fetches the download link. Plain form posts, as without JavaScript.
import { faker } from '@faker-js/faker'
import { newestMailTo } from './requester-mail'

export async function downloadExport(baseUrl: string, slug: string, reference: string, email: string): Promise<Response> {
  const ip = faker.internet.ipv4()
  const post = (path: string, form: Record<string, string>) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams(form),
      headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
    })
  const asked = new Date(Date.now() - 1000)
  const sent = await post(`/p/${slug}/status`, { reference, email })
  // The answer is the page that asks for the code (the same whether or not the request matched).
  if (sent.status !== 200) throw new Error(`the portal did not send a status code (${sent.status})`)
  const mail = await newestMailTo(email, `Your code to follow request ${reference}%`, asked)
  const opened = await post(`/p/${slug}/requests/${reference}`, { intent: 'code', code: mail.code! })
  const cookie = opened.headers.get('set-cookie')?.split(';')[0]
  if (opened.status !== 302 || !cookie) throw new Error(`the code did not open the request (${opened.status})`)
  return fetch(`${baseUrl}/p/${slug}/requests/${reference}/export`, { headers: { cookie, 'x-forwarded-for': ip } })
}
