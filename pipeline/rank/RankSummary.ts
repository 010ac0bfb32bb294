/** What `rankBorough` did for one borough (printed by `hmo rank`, recorded by `hmo run`). */
export interface RankSummary {
  borough_code: string;
  borough_name: string;
  extract_date: string;
  model_id: string;
  /** Every candidate, all listed in the CSV in rank order. */
  candidates: number;
  /** Candidates marked to visit first (ranks 1..visit_first). */
  visit_first: number;
  bands: { high: number; medium: number; low: number };
  /** Ranks 1..reasons_computed carry reasons (the visit-first ranks, `top`, unless asked for more: rankBorough's `reasonsCap`). */
  reasons_computed: number;
  /** Among the visit-first rows, how many have fewer than two reasons. */
  visit_first_with_fewer_than_two_reasons: number;
  csv: string;
  html: string;
  /** A filled-in list that was about to be overwritten and was kept under this name, if any. */
  preserved_filled_list: string | null;
}
