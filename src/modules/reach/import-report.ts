// Downloads of the import part: the attendance template (CSV and XLSX, a header row and one clearly fictional
// example row) and an import's error report (row, column, value, reason; identifier values are never in it).
import { t, type Lang } from '../../platform/i18n/index.ts';
import { translate } from '../../platform/http/errors.ts';
import { csvOf, xlsxOf } from '../../platform/import/report.ts';
import { templateColumns, HIDDEN, type RowError } from './import-validate.ts';

/** The example row: an activity number of zeros (no activity has it), a pass number that says it is an example. */
export const TEMPLATE_EXAMPLE: Record<(typeof templateColumns)[number], string> = {
  activiteit: '00000000-0000-0000-0000-000000000000',
  datum: '2026-01-05',
  pasnummer: 'VOORBEELD-0001',
  naam: '',
  geboortedatum: '',
  geboortejaar: '1950',
  wijk: '',
  doelgroepen: 'ouderen',
};

const templateRows = () => [[...templateColumns], templateColumns.map((c) => TEMPLATE_EXAMPLE[c])];
export const templateCsv = () => csvOf(templateRows());
export const templateXlsx = () => xlsxOf('Bezoek', templateRows(), [40, 12, 16, 24, 14, 12, 14, 24], { asText: true });

const reportRows = (lang: Lang, errors: RowError[]) => [
  [t(lang, 'reach.import.col.row'), t(lang, 'reach.import.col.column'), t(lang, 'reach.import.col.value'), t(lang, 'reach.import.col.reason')],
  ...errors.map((e) => [e.row, e.column, e.value === HIDDEN ? t(lang, 'reach.import.hidden') : e.value, translate(lang, e.reason)]),
];
export const errorReportCsv = (lang: Lang, errors: RowError[]) => csvOf(reportRows(lang, errors));
export const errorReportXlsx = (lang: Lang, errors: RowError[]) => xlsxOf(t(lang, 'reach.import.errorsSheet'), reportRows(lang, errors), [8, 20, 30, 80], { asText: true });
