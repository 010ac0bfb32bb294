import type { TableName } from '../../standard/schema.js';

/**
 * What council exports call the standard's columns, as normalised labels
 * (`normaliseLabel`): an exact match is strong evidence, a header containing
 * the phrase as whole words weaker. Gathered from published London licence
 * registers and the exports of revenue, electoral, benefits and enforcement
 * systems. `suggest` adds value checks on top (a "Property Ref" that holds
 * `PI/123456789` is not a UPRN, whatever its name).
 */
export const COLUMN_SYNONYMS: Partial<Record<TableName, Record<string, readonly string[]>>> = {
  licences: {
    licence_ref: ['licence no', 'licence number', 'licence ref', 'licence reference', 'licence id', 'hmo licence no', 'hmo licence number', 'licence reference number', 'reference', 'reference number', 'ref', 'application number', 'application ref', 'licence'],
    scheme: ['licence type', 'type', 'scheme', 'licence scheme', 'type of licence', 'licencing scheme', 'licence category', 'category', 'hmo type', 'licencing type', 'scheme type'],
    start_date: ['start date', 'licence start date', 'licence start', 'start', 'date issued', 'issue date', 'issued', 'date granted', 'granted', 'grant date', 'valid from', 'licence issue date', 'licence granted date', 'from date', 'commencement date', 'date of issue', 'licence from', 'licence granted', 'date licence granted', 'licence issued', 'date licence issued', 'date of grant', 'granted on', 'issued on', 'licence commencement', 'licence valid from', 'licence commenced'],
    end_date: ['expiry date', 'licence expiry date', 'licence expiry', 'expiry', 'expires', 'end date', 'valid to', 'valid until', 'licence end date', 'to date', 'date of expiry', 'expiry of licence', 'licence to', 'expires on', 'licence expires', 'date licence expires', 'licence ends', 'licence valid to', 'licence valid until', 'licence end'],
    max_occupants: ['max occupancy', 'max occupants', 'maximum occupancy', 'maximum occupants', 'max persons', 'maximum persons', 'max number of occupiers', 'max no of occupiers', 'maximum number of occupiers', 'maximum number of persons', 'max no of persons', 'permitted occupiers', 'max people', 'no of occupants', 'number of occupants', 'max occupiers', 'occupancy', 'permitted number of persons', 'maximum number of people', 'max number of people', 'permitted number of occupiers', 'max permitted occupiers', 'maximum permitted number of persons', 'total occupants', 'occupants'],
    max_households: ['max households', 'maximum households', 'no of households', 'number of households', 'households', 'max no of households', 'maximum number of households', 'max number of households', 'permitted households', 'number of households permitted', 'permitted number of households', 'max permitted households', 'households permitted'],
  },
  inspections: {
    inspection_date: ['inspection date', 'date of inspection', 'visit date', 'date of visit', 'date visited', 'inspected on', 'date inspected', 'inspection'],
    outcome: ['outcome', 'inspection outcome', 'result', 'visit outcome', 'inspection result', 'finding', 'findings', 'hmo status', 'determination', 'visit result'],
    trigger: ['trigger', 'reason', 'reason for visit', 'visit reason', 'reason for inspection', 'inspection reason', 'source', 'referral source', 'inspection type', 'visit type', 'origin', 'case type'],
  },
  council_tax: {
    account_ref: ['account ref', 'account number', 'account no', 'account', 'ctax account', 'council tax account', 'council tax account number', 'account reference', 'ct account', 'account id', 'liability ref', 'ctax ref'],
    start_date: ['start date', 'liability start', 'liability start date', 'account start', 'account start date', 'date from', 'from', 'occupation date', 'move in date', 'liable from', 'period start'],
    end_date: ['end date', 'liability end', 'liability end date', 'account end', 'account end date', 'date to', 'to', 'vacation date', 'move out date', 'liable to', 'account closed', 'closed date', 'period end'],
    single_person_discount: ['single person discount', 'spd', 'single occupier discount', 'sole occupier discount', 'spd flag', '25 discount', 'single person disc', 'single person'],
    student_exemption: ['student exemption', 'class n exemption', 'class n', 'student exempt', 'exemption class n', 'student exemption class n', 'student'],
    liable_persons: ['liable persons', 'no of liable persons', 'number of liable persons', 'liable parties', 'no liable', 'number liable', 'liable count', 'no of liable parties'],
  },
  electoral_register: {
    elector_ref: ['elector ref', 'elector number', 'elector no', 'electoral number', 'elector id', 'elector reference', 'pd number', 'poll number', 'elector', 'elector num'],
    surname_key: ['surname', 'last name', 'family name', 'elector surname', 'surname key'],
    registered_date: ['registered date', 'registration date', 'date registered', 'date of registration', 'added date', 'date added', 'effective date', 'registered', 'addition date'],
    removed_date: ['removed date', 'deletion date', 'date removed', 'date deleted', 'removal date', 'deleted date', 'date of deletion', 'deleted', 'removed'],
  },
  housing_benefit: {
    claim_ref: ['claim ref', 'claim reference', 'claim number', 'claim no', 'claim id', 'hb claim ref', 'hb claim number', 'claim'],
    start_date: ['start date', 'claim start', 'claim start date', 'date from', 'award start', 'award start date', 'benefit start date', 'effective from'],
    end_date: ['end date', 'claim end', 'claim end date', 'date to', 'award end', 'award end date', 'benefit end date', 'effective to'],
    weekly_rent: ['weekly rent', 'weekly eligible rent', 'eligible rent', 'rent', 'rent per week', 'weekly rent amount', 'contractual rent', 'eligible rent weekly'],
    shared_accommodation_rate: ['shared accommodation rate', 'sar', 'shared room rate', 'sar flag', 'shared accommodation', 'lha sar', 'sar case'],
    landlord_ref: ['landlord ref', 'landlord id', 'landlord reference', 'landlord number', 'landlord no', 'landlord account', 'landlord code', 'payee ref', 'payee id'],
  },
  complaints: {
    received_date: ['received date', 'date received', 'received', 'date logged', 'logged date', 'logged', 'request date', 'date of request', 'reported date', 'date reported', 'complaint date', 'date of complaint', 'created date', 'date created', 'open date', 'date opened', 'date'],
    category: ['category', 'complaint type', 'request type', 'service request type', 'type', 'nature of complaint', 'problem type', 'complaint category', 'subject', 'problem', 'issue'],
  },
  properties: {
    ward_code: ['ward code', 'ward gss', 'ward gss code', 'ward id', 'wd code'],
    ward_name: ['ward name', 'ward'],
    easting: ['easting', 'x coordinate', 'x', 'x coord'],
    northing: ['northing', 'y coordinate', 'y', 'y coord'],
    property_type: ['property type', 'type', 'dwelling type', 'property form'],
    built_form: ['built form', 'form', 'building form'],
    habitable_rooms: ['habitable rooms', 'number habitable rooms', 'no of habitable rooms', 'rooms'],
    floor_area_m2: ['floor area m2', 'floor area', 'total floor area', 'floor area sqm'],
    epc_rating: ['epc rating', 'current energy rating', 'energy rating', 'epc band', 'epc'],
    year_built: ['year built', 'construction year', 'build year', 'year of construction'],
    council_tax_band: ['council tax band', 'ctax band', 'band', 'tax band'],
    tenure: ['tenure', 'tenure type'],
    landlord_ref: ['landlord ref', 'landlord id', 'landlord reference'],
  },
};

/** Headers of a UPRN column (a value check follows: at least 90% must be UPRNs). */
export const UPRN_HEADERS = ['uprn', 'unique property reference number', 'property uprn', 'blpu uprn', 'uprn number', 'llpg uprn'];

/** Headers of a column holding the whole address or one part of it. `full` ones are used alone when present. */
export const ADDRESS_HEADERS = {
  full: ['address', 'property address', 'hmo address', 'premises address', 'site address', 'full address', 'licensed address', 'licenced address', 'location', 'location address', 'address of property', 'property', 'address of premises', 'single line address', 'property location', 'incident address', 'supply address', 'premises', 'licensed premises', 'licensed property', 'address of licensed property', 'address of hmo', 'hmo property address', 'dwelling address', 'property details'],
  parts: ['address line 1', 'address 1', 'addr1', 'address1', 'address line 2', 'address 2', 'addr2', 'address2', 'address line 3', 'address 3', 'addr3', 'address3', 'address line 4', 'address 4', 'address line 5', 'house number', 'house no', 'building number', 'building name', 'premises name', 'flat', 'flat number', 'sub building', 'street', 'street name', 'road', 'locality', 'town', 'post town'],
} as const;

export const POSTCODE_HEADERS = ['postcode', 'post code', 'postal code', 'property postcode', 'pcode', 'post cd', 'premises postcode', 'address postcode'];

/**
 * Headers that name people or their contact details: mapped to `drop`, never
 * carried. Whole-word phrases; the exceptions below are place words.
 */
export const PERSONAL_HEADER_WORDS = [
  'name', 'names', 'forename', 'forenames', 'surname', 'first name', 'last name', 'full name', 'middle name', 'initials', 'title',
  'holder', 'licence holder', 'licensee', 'licencee', 'licensees', 'applicant', 'person having control', 'person managing', 'proprietor', 'freeholder', 'leaseholder', 'owner', 'agent', 'manager', 'managing agent', 'contact', 'officer', 'inspector', 'case officer',
  'landlord', 'tenant', 'occupier', 'occupant name', 'liable person', 'lead liable', 'claimant', 'partner', 'elector name',
  'phone', 'telephone', 'tel', 'mobile', 'email', 'e mail', 'fax',
  'dob', 'date of birth', 'birth', 'birth date', 'age', 'ni number', 'nino', 'national insurance', 'national insurance number', 'ni no',
  'correspondence address', 'landlord address', 'holder address', 'licensee address', 'applicant address', 'manager address', 'agent address', 'owner address', 'contact address', 'home address', 'signature',
];

/** Place words that contain "name" but are not people. */
export const NOT_PERSONAL_HEADERS = ['building name', 'premises name', 'street name', 'ward name', 'road name', 'estate name', 'property name', 'scheme name', 'block name'];

/** Words in a file name that say which table it feeds. */
export const FILE_NAME_WORDS: Partial<Record<TableName, readonly string[]>> = {
  licences: ['licence', 'licences', 'licencing', 'licensing', 'license', 'licenses', 'register of licences', 'hmo register', 'public register'],
  inspections: ['inspection', 'inspections', 'visits', 'visit', 'enforcement'],
  council_tax: ['council tax', 'ctax', 'ct', 'revenues', 'liability', 'accounts'],
  electoral_register: ['electoral', 'electors', 'elector', 'register of electors', 'electoral register', 'ier'],
  housing_benefit: ['housing benefit', 'benefit', 'benefits', 'hb', 'claims', 'universal credit'],
  complaints: ['complaint', 'complaints', 'service request', 'service requests', 'requests', 'nuisance'],
  properties: ['properties', 'property', 'gazetteer', 'llpg', 'addressbase', 'epc'],
};
