// Text of the shared import engine: whole-file refusals and the columns of a row error report.
export const nl = {
  'import.error.tooLarge': 'Het bestand is {mb} MB; de grens is {max} MB. Splits het bestand in kleinere delen en lees ze apart in.',
  'import.error.tooManyRows': 'Het bestand heeft meer dan {max} regels. Splits het in kleinere delen en lees ze apart in.',
  'import.error.empty': 'Het bestand is leeg: er staat geen kopregel met kolomnamen in.',
  'import.error.oldExcel': 'Dit is een oud Excel-bestand (.xls). Sla het in Excel op als .xlsx of als CSV en lees het opnieuw in.',
  'import.error.notCsv': 'Dit bestand is geen CSV- of Excel-bestand (.xlsx).',
  'import.error.csv': 'Het CSV-bestand kan niet worden gelezen (rond regel {detail}): controleer de aanhalingstekens.',
  'import.error.xlsx': 'Het Excel-bestand kan niet worden geopend. Sla het opnieuw op als .xlsx of als CSV.',
  'import.report.row': 'Rij',
  'import.report.column': 'Kolom',
  'import.report.value': 'Waarde',
  'import.report.reason': 'Reden',
  'import.report.sheet': 'Fouten',
};

export const en: Record<keyof typeof nl, string> = {
  'import.error.tooLarge': 'The file is {mb} MB; the limit is {max} MB. Split the file into smaller parts and import them one by one.',
  'import.error.tooManyRows': 'The file has more than {max} rows. Split it into smaller parts and import them one by one.',
  'import.error.empty': 'The file is empty: it has no header row with column names.',
  'import.error.oldExcel': 'This is an old Excel file (.xls). Save it in Excel as .xlsx or as CSV and import it again.',
  'import.error.notCsv': 'This file is not a CSV or Excel (.xlsx) file.',
  'import.error.csv': 'The CSV file cannot be read (around line {detail}): check the quotes.',
  'import.error.xlsx': 'The Excel file cannot be opened. Save it again as .xlsx or as CSV.',
  'import.report.row': 'Row',
  'import.report.column': 'Column',
  'import.report.value': 'Value',
  'import.report.reason': 'Reason',
  'import.report.sheet': 'Errors',
};
