// Candor's standard DPA template: a plain-language data processing agreement under Article 28 of
// the GDPR (and the UK GDPR), for a workspace to adopt or edit. It is an honest starting point,
// not legal advice; the dashboard says so. Placeholders: template.ts.
export const DEFAULT_DPA_TEMPLATE = `# Data Processing Agreement

This Data Processing Agreement (the "DPA") is made on {{date}} between {{customer.company}} (the "Customer", the controller) and {{processor.name}}, {{processor.address}}, {{processor.registration}} (the "Processor"). It forms part of the agreement under which the Processor provides its services to the Customer (the "Agreement") and applies whenever the Processor processes personal data on the Customer's behalf.

## 1. Subject matter and duration

The Processor processes personal data only to provide the services described in the Agreement. This DPA lasts as long as the Agreement does, and afterwards for as long as the Processor still holds personal data of the Customer.

## 2. Nature and purpose of the processing

The Processor stores, organises, retrieves, transmits and deletes personal data as needed to provide, secure and support the services, and for no other purpose.

## 3. Types of personal data and data subjects

The personal data are those the Customer and its users put into the services, typically names, e-mail addresses, account and usage data, and the content of messages. The data subjects are the Customer's users, staff, customers and other people whose data the Customer chooses to process through the services. The Customer does not send special categories of personal data (Article 9 GDPR) unless the Agreement allows it.

## 4. The Processor's obligations (Article 28(3) GDPR)

The Processor:

- (a) processes personal data only on the Customer's documented instructions, including on transfers to a third country, unless the law requires otherwise, in which case it tells the Customer first unless the law forbids that; this DPA and the Agreement are the Customer's instructions;
- (b) ensures that everyone authorised to process the personal data is bound by confidentiality;
- (c) takes the security measures required by Article 32 GDPR, described in section 7;
- (d) engages sub-processors only as section 5 allows;
- (e) helps the Customer, by appropriate technical and organisational measures and as far as possible, to answer requests from data subjects exercising their rights;
- (f) helps the Customer meet its obligations under Articles 32 to 36 GDPR (security, breach notification, impact assessments, prior consultation), taking into account the nature of the processing and the information available to the Processor;
- (g) at the end of the services, deletes or returns all personal data as section 9 says;
- (h) makes available to the Customer all information needed to show compliance with Article 28 GDPR, and allows for and contributes to audits as section 10 says; it tells the Customer at once if it believes an instruction infringes data protection law.

## 5. Sub-processors

The Customer authorises the Processor to engage the sub-processors listed below, as engaged on the day this DPA is signed:

{{subprocessors}}

The Processor gives at least {{notice_days}} days' notice before adding or replacing a sub-processor, on its public list of changes at {{subprocessor_changes_url}}, where the Customer can subscribe to e-mail notices. The Customer may object to a change on reasonable data protection grounds within the notice period; the parties then discuss it in good faith, and if they cannot resolve it the Customer may end the affected services. The Processor imposes on each sub-processor by contract the same data protection obligations as this DPA, and remains liable to the Customer for its sub-processors' performance.

## 6. International transfers

Where personal data is transferred outside the European Economic Area or the United Kingdom to a country without an adequacy decision, the Processor ensures appropriate safeguards under Chapter V GDPR, such as the European Commission's Standard Contractual Clauses (and the UK Addendum), together with any supplementary measures needed.

## 7. Security measures

The Processor keeps technical and organisational measures appropriate to the risk, including encryption in transit and at rest, access control with multi-factor authentication, logging, backups and tested recovery, and staff training. The measures in force are described on its trust page at {{trust_page_url}}; the Processor may improve them but will not reduce the overall level of protection.

## 8. Personal data breaches

The Processor notifies the Customer without undue delay, and in any case within 48 hours, after becoming aware of a personal data breach affecting the Customer's data, with the information the Customer needs to meet its own obligations (Articles 33 and 34 GDPR), and keeps it informed as more becomes known.

## 9. Deletion and return

When the services end, the Processor deletes the Customer's personal data, or returns it first if the Customer asks within 30 days, unless the law requires it to be kept. Copies in backups are deleted as the backups age out.

## 10. Audits

The Processor answers the Customer's reasonable questions about its compliance and provides its current certifications and audit reports. Where these are not enough, the Customer may audit the Processor, itself or through an independent auditor bound by confidentiality, once a year on 30 days' notice, or after a personal data breach.

## 11. Liability

Each party's liability under this DPA is subject to the limitations and exclusions of liability in the Agreement, as far as the law allows.

## 12. Governing law

This DPA is governed by {{governing_law}}, and the courts named in the Agreement have jurisdiction.

## 13. Signature and contact

Signed for the Customer by {{signer.name}}, {{signer.title}} ({{signer.email}}), on {{date}}. Customer's address: {{customer.address}}.

The Processor's contact for this DPA is {{processor.contact}}.
`
