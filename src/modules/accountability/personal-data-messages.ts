// UI text of the accountability module's part of "Mijn gegevens" (personal-data.ts). en must have exactly the keys of nl.
export const nl = {
  'accountability.mydata.steps.title': 'Stappen die u zette in verantwoordingsdocumenten',
  'accountability.mydata.steps.explanation': 'Indienen, accepteren of terugsturen van het verantwoordingsdocument van een thematafel, met uw toelichting.',
  'accountability.mydata.narratives.title': 'Teksten in verantwoordingsdocumenten die u het laatst bewerkte',
  'accountability.mydata.narratives.explanation': 'Bij elke tekst van een verantwoordingsdocument staat wie hem het laatst wijzigde.',
  'accountability.mydata.col.theme': 'Thema',
  'accountability.mydata.col.year': 'Jaar',
  'accountability.mydata.col.version': 'Versie',
  'accountability.mydata.col.step': 'Stap',
  'accountability.mydata.col.comment': 'Toelichting',
  'accountability.mydata.col.when': 'Wanneer',
  'accountability.mydata.col.section': 'Onderdeel',
};
export const en: Record<keyof typeof nl, string> = {
  'accountability.mydata.steps.title': 'Steps you took in accountability documents',
  'accountability.mydata.steps.explanation': 'Submitting, accepting or returning a theme table’s accountability document, with your comment.',
  'accountability.mydata.narratives.title': 'Texts in accountability documents you edited last',
  'accountability.mydata.narratives.explanation': 'Each text of an accountability document records who changed it last.',
  'accountability.mydata.col.theme': 'Theme',
  'accountability.mydata.col.year': 'Year',
  'accountability.mydata.col.version': 'Version',
  'accountability.mydata.col.step': 'Step',
  'accountability.mydata.col.comment': 'Comment',
  'accountability.mydata.col.when': 'When',
  'accountability.mydata.col.section': 'Section',
};
