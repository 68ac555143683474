import { describe, expect, it } from 'vitest'
import { TEMPLATE_VARIABLES, renderTemplate, unknownVariables } from './reply-templates'

const values = {
  name: 'Ada Lovelace',
  reference: 'R-7KQ2M9XD',
  due_date: 'Friday 27 February 2026',
  company: 'Acme Analytics',
  request_type: 'Delete my data',
}

describe('renderTemplate', () => {
  it('fills in every variable it knows', () => {
    const body =
      'Dear {{name}},\n{{company}} received your request {{reference}} ("{{request_type}}") and will answer by {{due_date}}.'
    expect(renderTemplate(body, values)).toEqual({
      text: 'Dear Ada Lovelace,\nAcme Analytics received your request R-7KQ2M9XD ("Delete my data") and will answer by Friday 27 February 2026.',
      unknown: [],
    })
  })

  it.each([
    ['{{ name }}', 'Ada Lovelace'],
    ['{{name }}', 'Ada Lovelace'],
    ['{{\tname\t}}', 'Ada Lovelace'],
    ['{{name}}{{name}}', 'Ada LovelaceAda Lovelace'],
    ['no variables at all', 'no variables at all'],
    ['', ''],
    ['{name}', '{name}'],
    ['{{{name}}}', '{Ada Lovelace}'],
    ['{{ na me }}', '{{ na me }}'],
  ])('renders %j as %j', (body, text) => {
    expect(renderTemplate(body, values).text).toBe(text)
  })

  it('leaves an unknown variable visible and reports it once', () => {
    expect(renderTemplate('Hello {{first_name}}, {{ first_name }}: {{reference}} {{Name}}', values)).toEqual({
      text: 'Hello {{first_name}}, {{ first_name }}: R-7KQ2M9XD {{Name}}',
      unknown: ['first_name', 'Name'],
    })
  })

  it('reports empty braces as written', () => {
    expect(renderTemplate('Hi {{}} and {{ }}', values)).toEqual({ text: 'Hi {{}} and {{ }}', unknown: ['{{}}', '{{ }}'] })
  })

  it('does not read variables out of the values it puts in', () => {
    expect(renderTemplate('{{name}} {{company}}', { ...values, name: '{{company}}' }).text).toBe('{{company}} Acme Analytics')
  })

  it('is not fooled by names on the object prototype', () => {
    expect(renderTemplate('{{constructor}} {{toString}}', values)).toEqual({
      text: '{{constructor}} {{toString}}',
      unknown: ['constructor', 'toString'],
    })
  })
})

describe('unknownVariables', () => {
  it('names the variables a template uses that Candor does not know', () => {
    expect(unknownVariables('{{name}} {{dueDate}} {{ company }} {{x}}')).toEqual(['dueDate', 'x'])
  })

  it('accepts every documented variable', () => {
    const all = Object.keys(TEMPLATE_VARIABLES).map((name) => `{{${name}}}`).join(' ')
    expect(unknownVariables(all)).toEqual([])
  })
})
