import { describe, expect, it } from 'vitest'
import { replyTemplateInput } from './privacy-settings.server'
import { REQUEST_TYPE_KEYS } from './request-kinds'
import { renderTemplate } from './reply-templates'
import { STOCK_REPLY_TEMPLATES } from './stock-reply-templates'

describe('stock reply templates', () => {
  it('exist for every request type, pass the template form, and use only variables Candor fills', () => {
    expect(Object.keys(STOCK_REPLY_TEMPLATES).sort()).toEqual([...REQUEST_TYPE_KEYS].sort())
    for (const type of REQUEST_TYPE_KEYS) {
      const template = STOCK_REPLY_TEMPLATES[type]
      expect(replyTemplateInput.safeParse({ templateId: '', ...template, requestType: type, language: 'en' }).success).toBe(true)
      const { text, unknown } = renderTemplate(template.body, { name: 'Ana', reference: 'R-1', due_date: '4 January 2027', company: 'Newco', request_type: type })
      expect(unknown).toEqual([])
      expect(text).toContain('R-1')
      expect(text).toContain('4 January 2027')
    }
  })
})
