/**
 * A header or a code as a comparable label: lower case, American "license"
 * read as "licence", `&` as "and", every run of punctuation or spaces as one
 * space, trimmed. Header synonyms and enum spellings are written in this form.
 *
 * @example
 *   normaliseLabel('Licence No. ');        // 'licence no'
 *   normaliseLabel('Mandatory HMO License'); // 'mandatory hmo licence'
 *   normaliseLabel('No. of Households');   // 'no of households'
 */
export function normaliseLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\blicen[sc]e(s|d)?\b/g, 'licence$1')
    .replace(/\blicen[sc]ing\b/g, 'licencing')
    .trim();
}

/** The words of a normalised label, for "contains the word" rules. */
export function labelWords(label: string): Set<string> {
  return new Set(label.split(' ').filter((w) => w !== ''));
}

/** True when every word of `phrase` occurs in `label` as a run of whole words. */
export function containsPhrase(label: string, phrase: string): boolean {
  return ` ${label} `.includes(` ${phrase} `);
}
