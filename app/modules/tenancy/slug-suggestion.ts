// A workspace address suggested from the company name, the same in the browser (live, as the
// name is typed) and on the server (when the address is left empty): letters without their
// accents, lower case, everything else a single hyphen, at most 48 characters, never starting
// or ending with a hyphen. Whether it is free is the server's to say (slug-availability.server.ts).

export const SLUG_MAX = 48

export function suggestSlug(company: string): string {
  return company
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, '')
}

/** `base` with a numbered ending that still fits: acme-2, acme-3, … */
export function numberedSlug(base: string, n: number): string {
  const ending = `-${n}`
  return `${base.slice(0, SLUG_MAX - ending.length).replace(/-+$/g, '')}${ending}`
}
