/**
 * The words of a borough's printable inspection list (inspection_list.html),
 * written for enforcement officers: plain English, every technical term
 * explained where it first appears. HTML fragments: every value passed in is
 * already escaped by the caller, except where a function escapes it itself.
 */

/** A whole number with thousands separators, independent of the machine's locale. */
export function wholeNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const plural = (n: number, one: string, many = `${one}s`) => `${wholeNumber(n)} ${n === 1 ? one : many}`;

export const listMessages = {
  title: (borough: string) => `HMO inspection list: ${borough}`,
  lead: (extractDate: string, candidates: number, visitFirst: number, bands: { high: number; medium: number; low: number }) =>
    `Council records as of <strong class="date">${extractDate}</strong> &middot; ${plural(candidates, 'candidate property', 'candidate properties')} &middot; ` +
    `the first ${wholeNumber(visitFirst)} to visit first (${wholeNumber(bands.high)} high, ${wholeNumber(bands.medium)} medium, ${wholeNumber(bands.low)} low risk).`,

  /** Printed at the top of every page. */
  pageHeader: (borough: string, extractDate: string) => `HMO inspection list: ${borough} \u00b7 council records as of ${extractDate}; reasons count up to that date`,
  /** Printed at the foot of every page: the text around the page number and the page count. */
  pageNumber: ['page ', ' of '] as const,
  howToUseHeading: 'How to use this list',
  howToUse: (o: { visitFirst: number; candidates: number; extractDate: string; reasonsComputed: number | null }) => [
    `<strong>It ranks visits; it decides nothing.</strong> A high score is a reason to look, not a finding about anyone: only an inspection establishes whether a property is an HMO.`,
    `Visit from the top, or plan a day's round with <a href="#rounds">the same ${wholeNumber(o.visitFirst)} by ward and postcode</a> after the table.`,
    `Before a visit, read the reasons: facts of the council's own records as of ${o.extractDate} that raised the score. The ones you can check at the door come first (who lives there, council tax and benefit claims, complaints); facts only the records hold (turnover, the landlord, the building) next; the ward's figures last. A blank reason means the records hold no more evidence, not that any was hidden.`,
    `After a visit, circle the outcome (<strong>hmo</strong>, <strong>not-hmo</strong> or <strong>no-access</strong>) and write the date in the two right-hand columns, then copy them into the columns <code>outcome</code> and <code>inspected_on</code> (YYYY-MM-DD) of <code>inspection_list.csv</code> beside this page; the analysts' <code>hmo outcomes</code> turns them into inspection records for the next data drop, so the next model learns from them.`,
    `The file <code>inspection_list.csv</code> holds every candidate in the same order (ranks 1 to ${wholeNumber(o.candidates)}).${
      o.reasonsComputed === null ? '' : ` Its reasons are given for ranks 1 to ${wholeNumber(o.reasonsComputed)}; beyond, <code>reason_1</code> says they were not computed.`
    }`,
    `No personal data: the list speaks of properties, never of people.`,
  ],

  wordsHeading: 'What the columns mean',
  words: (o: { high: string; medium: string; bandCounts: string }) => [
    `<strong>Score</strong>: the model's estimate of the chance that the property is an HMO, from 0 to 1. It is calibrated, which means the estimate can be taken at its word: of 100 properties scored 0.300, about 30 would be expected to be HMOs.`,
    `<strong>Band</strong>: <span class="band high">high</span> at ${o.high} or more, <span class="band medium">medium</span> at ${o.medium} or more and below ${o.high}, <span class="band low">low</span> below ${o.medium} (set on the score as printed). ${o.bandCounts}`,
    `<strong>UPRN</strong> (Unique Property Reference Number): the one national number of an address, the same in every council system, so that there is no doubt which flat is meant.`,
    `<strong>Ward</strong>: the electoral ward the council's records put the property in.`,
  ],
  bandCounts: (candidates: { high: number; medium: number; low: number }, visitFirst: { high: number; medium: number; low: number }) =>
    `Among all candidates: ${wholeNumber(candidates.high)} high, ${wholeNumber(candidates.medium)} medium, ${wholeNumber(candidates.low)} low; among those to visit first: ${wholeNumber(visitFirst.high)} high, ${wholeNumber(visitFirst.medium)} medium, ${wholeNumber(visitFirst.low)} low.`,

  tableHeading: (visitFirst: number) => `Visit first: the top ${wholeNumber(visitFirst)}, in order`,
  noCandidates: 'No candidate property: every property holds a current HMO licence or has been inspected.',
  columns: { rank: 'rank', address: 'address, postcode, ward', uprn: 'UPRN', score: 'score, band', reasons: 'reasons to check', outcome: 'outcome', date: 'date visited' },
  /** Printed faintly in the outcome column: the officer circles one. */
  outcomeOptions: 'hmo &nbsp; not-hmo<br>no-access',
  noEvidence: 'No checkable evidence in the records: the score comes from values that are no evidence on their own (such as no complaints).',
  oneReason: 'The records hold no second piece of evidence.',
  wardNameMissing: 'ward name not on record',

  roundsHeading: (visitFirst: number) => `Plan a round: the top ${wholeNumber(visitFirst)} by ward and postcode`,
  roundsIntro:
    'The same properties by ward, then by postcode, so that the ones close together can be visited on the same day: after each postcode, the ranks of its properties in the table above (in bold: high band).',
  wardSummary: (n: number, bands: { high: number; medium: number; low: number }) =>
    `${plural(n, 'property', 'properties')}: ${wholeNumber(bands.high)} high, ${wholeNumber(bands.medium)} medium, ${wholeNumber(bands.low)} low`,
  noPostcode: '(no postcode)',

  dataHeading: 'Data and model',
  dataRows: {
    borough: 'Borough',
    records: 'Council records',
    recordsAsOf: (date: string) => `as of ${date}: the scores and reasons use the records up to this date`,
    model: 'Model',
    /** `name`: the learner's name for lists (models/learners.ts), e.g. 'logistic regression'. */
    modelKind: (name: string) => `a ${name}`,
    modelReference: 'Model reference',
    modelReferenceNote: (id: string) =>
      `<code>${id}</code>: names the exact trained model in the analysts' records (a label, not a measure); quote it if a list is questioned.`,
    trainedOn: 'Trained on',
    trained: (rows: number, positives: number, extracts: string, own: string) =>
      `${plural(rows, 'past inspection')} (${wholeNumber(positives)} found an HMO) from the records dated<br>${extracts}<br>${own}`,
    ownIncluded: (borough: string) => `${borough}'s own past inspections were among them.`,
    ownExcluded: (borough: string) => `${borough}'s own inspections were not among them: the model carries what it learnt elsewhere.`,
    candidates: 'Candidates',
    candidateRule: (reinspectAfterMonths: number | null) =>
      `Properties with no current HMO licence (mandatory or additional; a selective licence does not count) and ${
        reinspectAfterMonths === null ? 'no inspection on record' : `no inspection in the last ${reinspectAfterMonths} months`
      }`,
  },
} as const;
