import { learnerOf } from '../../../models/learners.js';
import { orderingLabel } from './evaluationCharts.js';
import { fairnessNotes } from '../../evaluate/slices/fairnessNotes.js';
import { driftModelCardLines } from './driftPresentation.js';
import { forecastModelCardLines, outcomesLines } from './forecastPresentation.js';
import { fmt, pct } from '../../evaluate/format.js';
import type { MetricsJson, OrderingName } from '../../evaluate/MetricsJson.js';

const TODO = '_To be completed by the council._';

/**
 * The model card (model_card.md), after Mitchell et al. (2019), "Model
 * Cards for Model Reporting", followed by the fields of the UK Algorithmic
 * Transparency Recording Standard (ATRS) the pipeline can fill; the fields
 * only the council can fill say so.
 *
 * @example
 *   writeFileAtomic(layout.modelCard, renderModelCard(metrics, boroughNames));
 */
export function renderModelCard(metrics: MetricsJson, boroughNames: ReadonlyMap<string, string>): string {
  const kind = metrics.model.kind;
  const lobo = metrics.validation.lobo;
  const temporal = metrics.validation.temporal;
  const bands = metrics.settings.risk_bands;
  const trained = metrics.model.trained_on;
  const lines: string[] = [];
  const push = (...text: string[]) => lines.push(...text);
  const boroughList = trained.boroughs.map((c) => (boroughNames.get(c) ? `${boroughNames.get(c)} (${c})` : c)).join(', ');

  push(`# Model card: HMO inspection ranking (${kind})`, '');
  push(...forecastModelCardLines(metrics, boroughNames));
  if (metrics.list_outcomes.length > 0) push(...outcomesLines(metrics).map((line, i) => (i === 0 ? line : `-${line.slice(1)}`)), '');
  push(...driftModelCardLines(metrics));
  push('## Model details', '');
  push(
    `- Model: ${learnerOf(kind)?.names.card ?? kind}, calibrated so that a score reads as a probability; identifier \`${metrics.model.model_id}\`.`,
    '- Selected by the training stage\'s rule on held-out validation (see docs/training.md); the logistic regression is reported beside it as a transparent baseline.',
    `- Inputs: ${metrics.model.features.length} features per property, built from the council's own records as they stood on a given date: ${metrics.model.features.join(', ') || 'see the feature catalogue'}.`,
    '- Output: for each property not licensed as an HMO and not recently inspected, a score (the estimated chance that it is an HMO), a risk band and 2–3 plain-English reasons an officer can check.',
    `- Seed ${metrics.settings.seed}; same data and seed give the same model and the same lists.`,
    '- Licence: MIT (the software). Developed as open source for London borough councils.',
    '',
  );
  push('## Intended use', '');
  push(
    '- Ranks properties for a proactive inspection by a council\'s private-sector housing team, so that officers visit first the properties most likely to be undeclared Houses in Multiple Occupation.',
    '- Users: housing enforcement teams, each for its own borough only; analysts who retrain and compare models; evaluators.',
    '- **It ranks visits; it decides nothing about anyone.** Whether a property is an HMO, and any enforcement, is decided by an officer after an inspection under the Housing Act 2004 tests.',
    '',
    '## Out-of-scope uses', '',
    '- Any decision about a person or household (benefits, council tax, immigration, tenancy, policing) or any use without an inspection.',
    '- Judging the occupants: the lists speak of properties, never of people, and carry no personal data.',
    '- Boroughs, property types or periods far from the training data without re-validation; data that does not follow `hmo-harmonised/1.0`.',
    '- Reading a score as proof: a high score is a reason to look, not evidence of a breach.',
    '',
  );
  push('## Training data', '');
  push(
    `- ${trained.rows} inspected properties (${trained.positives} found to be HMOs) from ${trained.boroughs.length} borough(s): ${boroughList || '—'}.`,
    '- Labels: the outcome of each property\'s latest inspection (`hmo` / `not-hmo`; `no-access` is not a label). Features are computed as of the day before that inspection, from records dated before it (no look-ahead).',
    '- Inspections are not a random sample: most follow complaints or licence applications, so the labelled properties differ from the properties on a list.',
    '',
    '## Evaluation data', '',
    `- Leave-one-borough-out: ${lobo === null ? 'not available' : `${lobo.rows} inspections (${lobo.positives} HMOs), each borough scored by a model trained without it`}.`,
    `- Temporal holdout: ${temporal === null ? 'not available' : `${temporal.rows} inspections (${temporal.positives} HMOs), the newest, scored by a model trained on older ones`}.`,
    `- Baselines computed on the same rows: the logistic model, complaint-led order (most complaints in the last ${metrics.settings.complaint_window_months} months first) and random order.`,
    metrics.field_trial === null
      ? '- No simulated field trial (it needs a synthetic drop with its truth file).'
      : `- Simulated field trial on a synthetic drop whose truth is known (\`${metrics.field_trial.truth_file}\`, never used for training).`,
    '',
  );
  push('## Metrics', '');
  push(
    'ROC AUC (how well scores separate HMOs from non-HMOs; 0.5 is guessing), PR AUC (average precision), precision@k (share of HMOs among the first k properties of the list), recall@k, lift over random, Brier score and expected calibration error (ECE). ' +
      `95% intervals from ${metrics.settings.bootstrap_samples} bootstrap resamples.`,
    '',
    'Lists are per borough, so ROC AUC, average precision and precision@100 are means over boroughs, each borough ranked on its own; precision@100 only over the boroughs with at least 200 held-out inspections (with fewer, the first 100 hold most of them whatever the order, so the figure cannot tell orderings apart). The Brier score pools the boroughs\' inspections.',
    '',
    '| Validation | Ordering | Inspections | HMOs | ROC AUC | Average precision | Precision@100 (boroughs counted) | Brier (pooled) |',
    '|---|---|---:|---:|---:|---:|---|---:|',
  );
  for (const [scheme, name] of [
    ['lobo', 'Leave-one-borough-out'],
    ['temporal', 'Temporal holdout'],
  ] as const) {
    const s = metrics.validation[scheme];
    if (s === null) continue;
    for (const [ordering, o] of Object.entries(s.orderings)) {
      const counted = o.borough_mean_boroughs['100'] ?? 0;
      push(
        `| ${name} | ${orderingLabel(ordering as OrderingName, kind)} | ${o.overall.rows} | ${o.overall.positives} | ${fmt(o.borough_mean_roc_auc)} | ${fmt(o.borough_mean_pr_auc)} | ${counted === 0 ? '— (no borough has 200)' : `${pct(o.borough_mean_precision['100'])} (${counted} of ${s.boroughs.length})`} | ${fmt(o.overall.brier)} |`,
      );
    }
  }
  const ece = lobo?.calibration.model?.ece ?? temporal?.calibration.model?.ece;
  push('', `Calibration: expected calibration error ${fmt(ece)} (${lobo === null ? 'leave-one-borough-out not available; temporal' : 'leave-one-borough-out'}, all boroughs' inspections pooled).`, '');
  if (metrics.field_trial !== null) {
    push('Simulated field trial, all boroughs (each inspects its own top k): undeclared HMOs found', '', '| Depth | Model | Complaint-led | Random (expected ± sd) | Perfect list |', '|---:|---:|---:|---:|---:|');
    for (const [k, f] of Object.entries(metrics.field_trial.total.found)) push(`| top ${k} | ${f.model} | ${f.complaint_led} | ${fmt(f.random_expected, 1)} ± ${fmt(f.random_sd, 1)} | ${f.oracle} |`);
    push('');
  }
  push('## Decision thresholds', '');
  push(
    `- Risk bands on the calibrated score: **high** at ${bands.high} or more, **medium** at ${bands.medium} or more, low below. They label the list; they do not trigger any action by themselves.`,
    `- Each borough's list is ordered by score (ties by UPRN); teams choose how far down to go. Evaluation reports depths ${metrics.settings.k.join(', ')}.`,
    `- The slice analysis counts a property as "at risk" at the medium band (${metrics.settings.slice_threshold}).`,
    '',
  );
  push('## Slice results (factors)', '');
  if (metrics.slices === null) {
    push('No slice results (no leave-borough-out predictions).', '');
  } else {
    push(
      `Slices by borough, ward, tenure, property type and ward complaint-rate band; flagged when precision or false-positive rate differs from the overall figure (all boroughs' inspections pooled) by more than ${pct(metrics.settings.slice_margin)} (slices under ${metrics.settings.min_slice_rows} inspections shown, not flagged). ` +
        `${metrics.slices.flagged.length} slice(s) flagged${metrics.slices.flagged.length > 0 ? `: ${metrics.slices.flagged.join(', ')}` : ''}.`,
      '',
    );
  }
  push('## Ethical considerations', '');
  push(
    '- **A false positive means an intrusive visit** to a household that lives lawfully; a false negative leaves tenants in an unlicensed, possibly unsafe HMO. Teams should weigh both when choosing how far down a list to go.',
    '- Proxies and fairness:',
    ...fairnessNotes(metrics).map((n) => `  - ${n}`),
    '- Feedback loop: properties the model ranks high get inspected and become labels; retraining on them can narrow what the model looks for. Keep a share of proactive, non-model inspections and record the trigger.',
    '- Privacy: the inputs are pseudonymised at source; no name, reference or surname key reaches any output.',
    '',
    '## Caveats and recommendations', '',
    '- Labels come from past, mostly complaint-led inspections: the validation figures describe inspected properties, not the whole housing stock.',
    '- Boroughs with few inspections get wide intervals; read the per-borough tables with their counts.',
    '- Boroughs that supplied no complaints or housing-benefit table have those features marked missing; the model is less informed there.',
    '- Re-evaluate after every new extract; promote a new model only when it passes the promotion rule (no material loss of leave-borough-out precision@100 or AUC, no newly flagged slice).',
    '',
  );

  push('# Algorithmic Transparency Recording Standard (ATRS)', '');
  push('## Tier 1: summary', '');
  push(
    '- **Name:** HMO inspection ranking (hmo-finder).',
    '- **Description:** ranks residential properties that are not licensed as Houses in Multiple Occupation by their likelihood of being one, from the council\'s own records (electoral register, council tax, housing benefit, complaints, licences, past inspections), so that housing officers can plan proactive inspections.',
    '- **How it is used:** officers receive a ranked list of addresses for their borough with a score, a risk band and plain-English reasons; they decide which properties to visit. No decision is made by the tool.',
    '- **Why it is used:** undeclared HMOs are often overcrowded or unsafe; complaint-led inspection finds only those that neighbours report.',
    `- **Website / contact:** ${TODO}`,
    '',
    '## Tier 2', '',
    '### Owner and responsibility', '',
    `- Organisation and team: ${TODO}`,
    `- Senior responsible owner: ${TODO}`,
    '- Supplier: open-source software (hmo-finder); run by the council or on its behalf.',
    '',
    '### Description of the tool', '',
    `- Scope: properties of the boroughs in the drop; model ${kind} \`${metrics.model.model_id}\`, ${metrics.model.features.length} features.`,
    (lobo?.orderings.model?.borough_mean_boroughs['100'] ?? 0) > 0
      ? `- Benefit: on leave-one-borough-out validation, on average over boroughs, ${pct(lobo?.orderings.model?.borough_mean_precision['100'])} of the first 100 properties of a borough's list were HMOs against ${pct(lobo?.orderings.complaint_led?.borough_mean_precision['100'])} for complaint-led order and ${pct(lobo?.orderings.random?.borough_mean_precision['100'])} at random.`
      : `- Benefit: on leave-one-borough-out validation, average precision (mean over boroughs) ${fmt(lobo?.orderings.model?.borough_mean_pr_auc)} against ${fmt(lobo?.orderings.complaint_led?.borough_mean_pr_auc)} for complaint-led order and ${fmt(lobo?.orderings.random?.borough_mean_pr_auc)} at random.`,
    '- Alternatives considered: complaint-led inspection and random proactive inspection (both measured above as baselines); a transparent logistic regression.',
    '',
    '### Decision-making process', '',
    '- Process integration: the list informs the choice of which properties to visit; officers may add or skip properties.',
    '- Information given to the decision maker: address, score, risk band, 2–3 checkable reasons (e.g. "6 electors with 5 different surnames registered").',
    '- Human decision: every outcome follows an inspection by an officer; the tool neither licenses, fines nor refuses anything.',
    `- Appeals and review: ${TODO}`,
    '',
    '### Data', '',
    '- Source: the council\'s own extracts, pseudonymised at source, in the published standard `hmo-harmonised/1.0`; outcomes of past inspections as labels.',
    `- Data collection, sharing, access and retention: ${TODO}`,
    '',
    '### Risks and mitigations', '',
    '- Intrusive visits to lawful households (false positives): precision reported per borough and slice with intervals; calibrated scores; officers decide.',
    '- Indirect discrimination through proxies (tenure, council tax band, benefits, ward context, surname diversity): slice analysis with flags, reported above; promotion blocked when a new slice is flagged.',
    '- Feedback loops and drift: temporal validation, re-evaluation per extract, promotion rule.',
    '- Data quality: every rejected row quarantined with its reason, counts reported per borough.',
    `- Impact assessments (DPIA, equality impact assessment): ${TODO}`,
    '',
  );
  return `${lines.join('\n')}\n`;
}
