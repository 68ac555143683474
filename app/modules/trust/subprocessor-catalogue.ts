// Common sub-processors a software company uses, offered on the sub-processors page as
// suggestions (issue 18). Their facts are what each vendor publishes about itself as we last
// read it; they change, and the region and data depend on how the company uses the vendor, so
// picking one makes a draft the admin checks against the vendor before it is listed.
import { z } from 'zod'

export type CatalogueVendor = {
  id: string
  name: string
  purpose: string
  dataCategories: string
  region: string
  certifications: string[]
  /** The vendor's DPA (or, where it publishes none on its own page, its privacy policy). */
  policyUrl: string
}

export const SUBPROCESSOR_CATALOGUE: readonly CatalogueVendor[] = [
  {
    id: 'aws',
    name: 'Amazon Web Services',
    purpose: 'Cloud hosting and infrastructure',
    dataCategories: 'All customer data stored in the product',
    region: 'The AWS regions you chose (e.g. EU (Frankfurt))',
    certifications: ['SOC 2 Type II', 'ISO/IEC 27001', 'ISO/IEC 27017', 'ISO/IEC 27018', 'PCI DSS'],
    policyUrl: 'https://d1.awsstatic.com/legal/aws-dpa/aws-dpa.pdf',
  },
  {
    id: 'google-cloud',
    name: 'Google Cloud',
    purpose: 'Cloud hosting and infrastructure',
    dataCategories: 'All customer data stored in the product',
    region: 'The Google Cloud regions you chose',
    certifications: ['SOC 2 Type II', 'ISO/IEC 27001', 'ISO/IEC 27017', 'ISO/IEC 27018'],
    policyUrl: 'https://cloud.google.com/terms/data-processing-addendum',
  },
  {
    id: 'stripe',
    name: 'Stripe',
    purpose: 'Payment processing and billing',
    dataCategories: 'Billing contact details, payment card data, invoices',
    region: 'United States and other countries',
    certifications: ['PCI DSS Level 1', 'SOC 2 Type II'],
    policyUrl: 'https://stripe.com/legal/dpa',
  },
  {
    id: 'resend',
    name: 'Resend',
    purpose: 'Transactional e-mail delivery',
    dataCategories: 'E-mail addresses, e-mail content',
    region: 'United States (other regions on request)',
    certifications: ['SOC 2 Type II'],
    policyUrl: 'https://resend.com/legal/dpa',
  },
  {
    id: 'postmark',
    name: 'Postmark',
    purpose: 'Transactional e-mail delivery',
    dataCategories: 'E-mail addresses, e-mail content',
    region: 'United States',
    certifications: [],
    policyUrl: 'https://postmarkapp.com/dpa',
  },
  {
    id: 'sentry',
    name: 'Sentry',
    purpose: 'Error monitoring',
    dataCategories: 'Technical data from errors (may include user identifiers and IP addresses)',
    region: 'United States or EU (Frankfurt), as chosen',
    certifications: ['SOC 2 Type II', 'ISO/IEC 27001'],
    policyUrl: 'https://sentry.io/legal/dpa/',
  },
  {
    id: 'cloudflare',
    name: 'Cloudflare',
    purpose: 'Content delivery, DNS and network security',
    dataCategories: 'IP addresses, request metadata, content passing through the network',
    region: 'Global network',
    certifications: ['SOC 2 Type II', 'ISO/IEC 27001', 'PCI DSS'],
    policyUrl: 'https://www.cloudflare.com/cloudflare-customer-dpa/',
  },
  {
    id: 'fly-io',
    name: 'Fly.io',
    purpose: 'Application hosting',
    dataCategories: 'All customer data stored in the product',
    region: 'The Fly.io regions you chose',
    certifications: ['SOC 2 Type II'],
    policyUrl: 'https://fly.io/legal/privacy-policy/',
  },
  {
    id: 'intercom',
    name: 'Intercom',
    purpose: 'Customer messaging and support',
    dataCategories: 'Contact details, conversation content, product usage',
    region: 'United States, EU or Australia, as chosen',
    certifications: ['SOC 2 Type II', 'ISO/IEC 27001'],
    policyUrl: 'https://www.intercom.com/legal/data-processing-agreement',
  },
  {
    id: 'hubspot',
    name: 'HubSpot',
    purpose: 'Customer relationship management and marketing e-mail',
    dataCategories: 'Contact details, company details, communication history',
    region: 'United States or EU, as chosen',
    certifications: ['SOC 2 Type II'],
    policyUrl: 'https://legal.hubspot.com/dpa',
  },
]

export const catalogueVendor = (id: string) => SUBPROCESSOR_CATALOGUE.find((vendor) => vendor.id === id) ?? null

/** The picker's form: one or more catalogue ids (checkboxes named `vendor`). */
export const cataloguePickInput = z.object({
  vendors: z
    .array(z.string().max(40, 'Choose vendors from the list.').refine((id) => catalogueVendor(id) !== null, 'Choose vendors from the list.'))
    .min(1, 'Tick at least one vendor.')
    .max(SUBPROCESSOR_CATALOGUE.length, 'Choose vendors from the list.'),
})

/** The catalogue as the picker shows it: a vendor already listed or proposed cannot be picked again. */
export function catalogueOffer(takenNames: string[]) {
  const taken = new Set(takenNames.map((name) => name.toLowerCase()))
  return SUBPROCESSOR_CATALOGUE.map((vendor) => ({ ...vendor, taken: taken.has(vendor.name.toLowerCase()) }))
}
