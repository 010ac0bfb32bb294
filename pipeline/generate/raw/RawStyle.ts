import type { TableName } from '../../standard/schema.js';

/** How a raw export writes a date. */
export type RawDateStyle = 'DD/MM/YYYY' | 'mixed-register' | 'DD-MMM-YYYY' | 'ISO datetime';

/** The address forms a raw export uses (each row draws one; weights need not sum to 1). */
export interface AddressForms {
  /** Where the postcode goes: inside the address text, in its own column, or both. */
  readonly postcode: 'inside' | 'column' | 'both';
  /** Upper-case every address. */
  readonly upper?: boolean;
  /** Chance per row of each variant (the rest are written plainly). */
  readonly variants: Readonly<Partial<Record<AddressVariant, number>>>;
}

export type AddressVariant =
  | 'locality'
  | 'commaAfterNumber'
  | 'noCommas'
  | 'upper'
  | 'fullStop'
  | 'abbreviate'
  | 'leakedStatus'
  | 'cutPostcode'
  | 'wrongPostcodeColumn'
  | 'flatLetterToNumber';

/** One column of a raw export: its header and what it holds. */
export interface RawColumn {
  readonly header: string;
  /**
   * A standard column (values converted by the style), `address`, `address_line1..3`,
   * `postcode`, `uprn` (only filled now and then) or a people column written to be
   * dropped: `person_name`, `phone`, `email`, `council_ref`, `blank`.
   */
  readonly holds: string;
}

export interface RawTableStyle {
  /** File name; `{date}` becomes the extract date in the style's file-name form. */
  readonly file: string;
  readonly columns: readonly RawColumn[];
}

/**
 * A council system's way of exporting the standard's tables: column names,
 * date forms, code spellings, address forms, encoding, line ends. `hmo
 * generate --raw` writes each borough in one style; `suggest` must map the
 * default style with no hand edits.
 */
export interface RawStyle {
  readonly name: string;
  readonly description: string;
  readonly encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le-bom';
  readonly lineEnd: '\n' | '\r\n';
  readonly delimiter: ',' | '\t';
  readonly fileDate: 'YYYY-MM-DD' | 'YYYYMMDD';
  readonly dates: RawDateStyle;
  readonly booleans: readonly [string, string];
  /** Standard enum value → raw spelling, per `table.column`. */
  readonly codes: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly address: AddressForms;
  /** Chance that a row of a table with a `uprn` raw column has it filled. */
  readonly uprnFilled: number;
  readonly tables: Readonly<Partial<Record<TableName, RawTableStyle>>>;
}

const DEFAULT_CODES: RawStyle['codes'] = {
  'licences.scheme': { 'mandatory-hmo': 'Mandatory HMO licence', 'additional-hmo': 'Additional HMO licence', selective: 'Selective licence' },
  'inspections.outcome': { hmo: 'HMO confirmed', 'not-hmo': 'Not an HMO', 'no-access': 'No access' },
  'inspections.trigger': { complaint: 'Complaint', proactive: 'Proactive visit', model: 'Risk model referral', 'licence-application': 'Licence application' },
  'complaints.category': {
    noise: 'Noise nuisance', pests: 'Pest control', waste: 'Refuse / fly-tipping', disrepair: 'Housing disrepair', overcrowding: 'Overcrowding',
    asb: 'Anti-social behaviour', planning: 'Planning enforcement', other: 'Other',
  },
};

/** The council-system styles `hmo generate --raw-style` knows. */
export const RAW_STYLES: readonly RawStyle[] = [
  {
    name: 'default',
    description: 'a modern case-management export: UTF-8, LF, DD/MM/YYYY dates, spelled-out codes, address and postcode in their own columns, Y/N flags',
    encoding: 'utf-8',
    lineEnd: '\n',
    delimiter: ',',
    fileDate: 'YYYY-MM-DD',
    dates: 'DD/MM/YYYY',
    booleans: ['Y', 'N'],
    codes: DEFAULT_CODES,
    address: { postcode: 'column', variants: { locality: 0.04, commaAfterNumber: 0.03, abbreviate: 0.03, fullStop: 0.02, upper: 0.02, wrongPostcodeColumn: 0.005 } },
    uprnFilled: 0.8,
    tables: {
      licences: {
        file: 'licence_register_{date}.csv',
        columns: [
          { header: 'Licence Number', holds: 'licence_ref' }, { header: 'Property Address', holds: 'address' }, { header: 'Postcode', holds: 'postcode' },
          { header: 'Licence Type', holds: 'scheme' }, { header: 'Licence Start Date', holds: 'start_date' }, { header: 'Licence Expiry Date', holds: 'end_date' },
          { header: 'Max Occupancy', holds: 'max_occupants' }, { header: 'Max Households', holds: 'max_households' }, { header: 'Licence Holder', holds: 'person_name' },
        ],
      },
      inspections: {
        file: 'hmo_inspections_{date}.csv',
        columns: [
          { header: 'Case Ref', holds: 'council_ref' }, { header: 'Address', holds: 'address' }, { header: 'Postcode', holds: 'postcode' },
          { header: 'Inspection Date', holds: 'inspection_date' }, { header: 'Outcome', holds: 'outcome' }, { header: 'Reason for Visit', holds: 'trigger' },
          { header: 'Officer', holds: 'person_name' },
        ],
      },
      council_tax: {
        file: 'council_tax_accounts_{date}.csv',
        columns: [
          { header: 'Account Number', holds: 'account_ref' }, { header: 'UPRN', holds: 'uprn' }, { header: 'Property Address', holds: 'address' }, { header: 'Postcode', holds: 'postcode' },
          { header: 'Liability Start Date', holds: 'start_date' }, { header: 'Liability End Date', holds: 'end_date' }, { header: 'Single Person Discount', holds: 'single_person_discount' },
          { header: 'Student Exemption', holds: 'student_exemption' }, { header: 'Liable Persons', holds: 'liable_persons' }, { header: 'Lead Liable Name', holds: 'person_name' },
          { header: 'Contact Phone', holds: 'phone' },
        ],
      },
      electoral_register: {
        file: 'electoral_register_{date}.csv',
        columns: [
          { header: 'Elector Number', holds: 'elector_ref' }, { header: 'Surname', holds: 'surname_key' }, { header: 'Forename', holds: 'person_name' },
          { header: 'Address Line 1', holds: 'address_line1' }, { header: 'Address Line 2', holds: 'address_line2' }, { header: 'Address Line 3', holds: 'address_line3' },
          { header: 'Postcode', holds: 'postcode' }, { header: 'Registration Date', holds: 'registered_date' }, { header: 'Deletion Date', holds: 'removed_date' },
          { header: 'Email', holds: 'email' },
        ],
      },
      housing_benefit: {
        file: 'housing_benefit_claims_{date}.csv',
        columns: [
          { header: 'Claim Reference', holds: 'claim_ref' }, { header: 'Claim Address', holds: 'address' }, { header: 'Postcode', holds: 'postcode' },
          { header: 'Claim Start Date', holds: 'start_date' }, { header: 'Claim End Date', holds: 'end_date' }, { header: 'Weekly Eligible Rent', holds: 'weekly_rent' },
          { header: 'Shared Accommodation Rate', holds: 'shared_accommodation_rate' }, { header: 'Landlord Id', holds: 'landlord_ref' }, { header: 'Landlord Name', holds: 'person_name' },
        ],
      },
      complaints: {
        file: 'service_requests_{date}.csv',
        columns: [
          { header: 'Request Id', holds: 'council_ref' }, { header: 'Location Address', holds: 'address' }, { header: 'Postcode', holds: 'postcode' },
          { header: 'Date Received', holds: 'received_date' }, { header: 'Complaint Type', holds: 'category' }, { header: 'Complainant Phone', holds: 'phone' },
        ],
      },
    },
  },
  {
    name: 'register',
    description: 'a published register and its siblings: UTF-8 with BOM, CRLF, "Licence No.", "Licence Type " (trailing space), D/M/YYYY mixed with JS date strings, short codes, the postcode inside the address, the address forms of real registers',
    encoding: 'utf-8-bom',
    lineEnd: '\r\n',
    delimiter: ',',
    fileDate: 'YYYY-MM-DD',
    dates: 'mixed-register',
    booleans: ['Yes', 'No'],
    codes: {
      'licences.scheme': { 'mandatory-hmo': 'Mandatory', 'additional-hmo': 'Additional', selective: 'Selective' },
      'inspections.outcome': { hmo: 'HMO', 'not-hmo': 'Not HMO', 'no-access': 'No Access' },
      'inspections.trigger': { complaint: 'Complaint', proactive: 'Proactive', model: 'Model', 'licence-application': 'Application' },
      'complaints.category': { noise: 'Noise', pests: 'Pests', waste: 'Waste', disrepair: 'Disrepair', overcrowding: 'Overcrowding', asb: 'ASB', planning: 'Planning', other: 'Other' },
    },
    address: { postcode: 'inside', variants: { locality: 0.08, commaAfterNumber: 0.06, noCommas: 0.04, upper: 0.04, fullStop: 0.05, abbreviate: 0.03, leakedStatus: 0.01, cutPostcode: 0.005, flatLetterToNumber: 0.02 } },
    uprnFilled: 0,
    tables: {
      licences: {
        file: 'HMO register {date}.csv',
        columns: [
          { header: 'Licence No.', holds: 'licence_ref' }, { header: 'HMO Address', holds: 'address' }, { header: 'Licence Type ', holds: 'scheme' },
          { header: 'Start Date', holds: 'start_date' }, { header: 'Expiry Date', holds: 'end_date' }, { header: 'Max Occupancy', holds: 'max_occupants' },
          { header: 'No. of Households', holds: 'max_households' }, { header: 'Property Ref', holds: 'council_ref' }, { header: '', holds: 'blank' },
        ],
      },
      inspections: {
        file: 'Inspections {date}.csv',
        columns: [{ header: 'Address', holds: 'address' }, { header: 'Date of Visit', holds: 'inspection_date' }, { header: 'Result', holds: 'outcome' }, { header: 'Visit Type', holds: 'trigger' }],
      },
      council_tax: {
        file: 'CTAX liability {date}.csv',
        columns: [
          { header: 'Account Ref', holds: 'account_ref' }, { header: 'Address', holds: 'address' }, { header: 'Liable From', holds: 'start_date' }, { header: 'Liable To', holds: 'end_date' },
          { header: 'SPD', holds: 'single_person_discount' }, { header: 'Class N Exemption', holds: 'student_exemption' }, { header: 'No. of Liable Persons', holds: 'liable_persons' },
        ],
      },
      electoral_register: {
        file: 'Register of Electors {date}.csv',
        columns: [
          { header: 'Elector No', holds: 'elector_ref' }, { header: 'Surname', holds: 'surname_key' }, { header: 'First Name', holds: 'person_name' }, { header: 'Address', holds: 'address' },
          { header: 'Date Registered', holds: 'registered_date' }, { header: 'Date Deleted', holds: 'removed_date' },
        ],
      },
      housing_benefit: {
        file: 'HB claims {date}.csv',
        columns: [
          { header: 'Claim No', holds: 'claim_ref' }, { header: 'Address', holds: 'address' }, { header: 'Award Start', holds: 'start_date' }, { header: 'Award End', holds: 'end_date' },
          { header: 'Rent per Week', holds: 'weekly_rent' }, { header: 'SAR', holds: 'shared_accommodation_rate' }, { header: 'Payee Ref', holds: 'landlord_ref' },
        ],
      },
      complaints: {
        file: 'Complaints {date}.csv',
        columns: [{ header: 'Incident Address', holds: 'address' }, { header: 'Date Logged', holds: 'received_date' }, { header: 'Category', holds: 'category' }],
      },
    },
  },
  {
    name: 'legacy',
    description: 'an older mainframe-era export: Windows-1252, CRLF, upper-case headers and addresses, one-letter codes, DD-MMM-YYYY and ISO date-times, 1/0 flags, no commas in addresses',
    encoding: 'windows-1252',
    lineEnd: '\r\n',
    delimiter: ',',
    fileDate: 'YYYYMMDD',
    dates: 'DD-MMM-YYYY',
    booleans: ['1', '0'],
    codes: {
      'licences.scheme': { 'mandatory-hmo': 'M', 'additional-hmo': 'A', selective: 'S' },
      'inspections.outcome': { hmo: 'HMO FOUND', 'not-hmo': 'NOT HMO', 'no-access': 'NO ACCESS' },
      'inspections.trigger': { complaint: 'COMPLAINT', proactive: 'PROACTIVE', model: 'RISK MODEL', 'licence-application': 'LICENCE APPLICATION' },
      'complaints.category': { noise: 'NOISE', pests: 'PEST CONTROL', waste: 'REFUSE', disrepair: 'DISREPAIR', overcrowding: 'OVERCROWDING', asb: 'ASB', planning: 'PLANNING', other: 'OTHER' },
    },
    address: { postcode: 'column', upper: true, variants: { noCommas: 0.5, abbreviate: 0.1, locality: 0.05 } },
    uprnFilled: 0,
    tables: {
      licences: {
        file: 'LIC_REGISTER_{date}.csv',
        columns: [
          { header: 'LICENCE_REF', holds: 'licence_ref' }, { header: 'PREMISES_ADDRESS', holds: 'address' }, { header: 'POSTCODE', holds: 'postcode' }, { header: 'LICENCE_TYPE', holds: 'scheme' },
          { header: 'DATE_GRANTED', holds: 'start_date' }, { header: 'DATE_OF_EXPIRY', holds: 'end_date' }, { header: 'MAX_PERSONS', holds: 'max_occupants' },
          { header: 'MAX_HOUSEHOLDS', holds: 'max_households' }, { header: 'HOLDER_NAME', holds: 'person_name' },
        ],
      },
      inspections: {
        file: 'ENF_VISITS_{date}.csv',
        columns: [
          { header: 'PREMISES_ADDRESS', holds: 'address' }, { header: 'POSTCODE', holds: 'postcode' }, { header: 'VISIT_DATE', holds: 'inspection_date' }, { header: 'VISIT_OUTCOME', holds: 'outcome' },
          { header: 'VISIT_REASON', holds: 'trigger' }, { header: 'INSPECTOR', holds: 'person_name' },
        ],
      },
      council_tax: {
        file: 'CTAX_ACCOUNTS_{date}.csv',
        columns: [
          { header: 'ACCOUNT_NO', holds: 'account_ref' }, { header: 'SUPPLY_ADDRESS', holds: 'address' }, { header: 'POSTCODE', holds: 'postcode' }, { header: 'PERIOD_START', holds: 'start_date' },
          { header: 'PERIOD_END', holds: 'end_date' }, { header: 'SPD_FLAG', holds: 'single_person_discount' }, { header: 'STUDENT_EXEMPT', holds: 'student_exemption' },
          { header: 'NO_LIABLE', holds: 'liable_persons' }, { header: 'LIABLE_NAME', holds: 'person_name' },
        ],
      },
      electoral_register: {
        file: 'ELECTORS_{date}.csv',
        columns: [
          { header: 'ELECTOR_NO', holds: 'elector_ref' }, { header: 'SURNAME', holds: 'surname_key' }, { header: 'FORENAMES', holds: 'person_name' }, { header: 'ADDRESS', holds: 'address' },
          { header: 'POSTCODE', holds: 'postcode' }, { header: 'ADDITION_DATE', holds: 'registered_date' }, { header: 'DELETION_DATE', holds: 'removed_date' },
        ],
      },
      housing_benefit: {
        file: 'HB_CLAIMS_{date}.csv',
        columns: [
          { header: 'CLAIM_NO', holds: 'claim_ref' }, { header: 'ADDRESS', holds: 'address' }, { header: 'POSTCODE', holds: 'postcode' }, { header: 'AWARD_START', holds: 'start_date' },
          { header: 'AWARD_END', holds: 'end_date' }, { header: 'ELIGIBLE_RENT', holds: 'weekly_rent' }, { header: 'SAR_CASE', holds: 'shared_accommodation_rate' },
          { header: 'LANDLORD_NO', holds: 'landlord_ref' }, { header: 'LANDLORD_NAME', holds: 'person_name' },
        ],
      },
      complaints: {
        file: 'SERVICE_REQUESTS_{date}.csv',
        columns: [
          { header: 'SR_NO', holds: 'council_ref' }, { header: 'LOCATION', holds: 'address' }, { header: 'POSTCODE', holds: 'postcode' }, { header: 'DATE_RECEIVED', holds: 'received_date' },
          { header: 'PROBLEM_TYPE', holds: 'category' }, { header: 'CONTACT_EMAIL', holds: 'email' },
        ],
      },
    },
  },
];

/** The style named `name` (or, for `mixed`, the styles taken in turn per borough). */
export function rawStyle(name: string): RawStyle | undefined {
  return RAW_STYLES.find((s) => s.name === name);
}

export const RAW_STYLE_NAMES = [...RAW_STYLES.map((s) => s.name), 'mixed'] as const;
