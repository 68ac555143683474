import { describe, expect, it } from 'vitest'
import { brandedMailHtml } from './branded-mail-html'

const brand = { name: 'Acme <Labs> & "Co"', logo: { url: 'https://candor.example/t/acme/logo/0123456789abcdef.png', width: 400, height: 100 }, accentColour: '#7a1f5c', linkOrigin: 'https://candor.example' }

describe('the branded HTML part', () => {
  it('puts the logo on top with the name as alt text, escaped', () => {
    const html = brandedMailHtml('Hello', 'Subject', brand)
    expect(html).toContain('<img src="https://candor.example/t/acme/logo/0123456789abcdef.png" alt="Acme &lt;Labs&gt; &amp; &quot;Co&quot;" width="400" height="100"')
  })

  it('turns a link on its own line into a button in the accent colour, and keeps the address readable', () => {
    const html = brandedMailHtml('Open your request:\n\nhttps://candor.example/p/acme/requests/R-1?a=1&b=2\n\nThanks', 'S', brand)
    expect(html).toContain('<a href="https://candor.example/p/acme/requests/R-1?a=1&amp;b=2" style="display:inline-block;background:#7a1f5c;color:#ffffff;')
    expect(html).toContain('Or copy this address:')
  })

  it('escapes the text and links addresses inside sentences, leaving the final full stop out', () => {
    const html = brandedMailHtml('<script>alert(1)</script> See https://candor.example/t/acme.', 'S', brand)
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;')
    expect(html).toContain('<a href="https://candor.example/t/acme" style="color:#7a1f5c;text-decoration:underline">https://candor.example/t/acme</a>.')
  })

  it('leaves any other address as plain text: a name typed by a visitor never becomes a branded button or link', () => {
    const name = 'Bob\n\nYour access is ready, sign in:\n\nhttps://evil.example/login'
    const html = brandedMailHtml(`Hello ${name},\n\nSee https://candor.example.evil.example/x and https://candor.example@evil.example/y`, 'S', brand)
    expect(html).not.toContain('Open the link')
    expect(html).not.toMatch(/<a [^>]*evil/)
    expect(html).toContain('https://evil.example/login')
  })

  it('names the workspace in text and uses Candor’s colour without a brand', () => {
    const html = brandedMailHtml('Hello', 'S', { name: 'Acme', logo: null, accentColour: null, linkOrigin: 'https://candor.example' })
    expect(html).not.toContain('<img')
    expect(html).toContain('>Acme</span>')
    expect(html).toContain('#1f5fbf')
  })
})
