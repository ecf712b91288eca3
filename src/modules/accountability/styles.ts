// The accountability module's own stylesheet (served at /assets/accountability/accountability.css and inlined in the
// printed document): document sections, narratives, charts beside their tables, dashboard grids.
export const ACCOUNTABILITY_CSS_URL = '/assets/accountability/accountability.css';
export const ACCOUNTABILITY_CSS = `
.sb-chart { max-width: 100%; height: auto; display: block; background: #fff; font: 12px system-ui, sans-serif; }
.sb-doc-chart { margin: 1rem 0; }
.sb-doc-chart__title { font-weight: bold; font-size: 1rem; line-height: 1.4; margin-block-end: 0.25rem; }
.sb-doc-table { margin-block-end: 1rem; }
.sb-narrative { border-inline-start: 4px solid #01689b; padding: 0.25rem 0 0.25rem 1rem; margin-block: 1rem 2rem; background: #f3f7fa; }
.sb-narrative__label { margin-block-end: 0.25rem; }
.sb-muted { color: #4b4b4b; font-style: italic; }
.sb-story { margin: 0.5rem 0 1rem; padding: 0.5rem 1rem; border-inline-start: 4px solid #6b4f9e; background: #f7f5fb; }
.sb-toc ol { padding-inline-start: 1.5rem; }
.sb-status { display: inline-block; padding: 0.1rem 0.5rem; border: 2px solid currentColor; border-radius: 4px; font-weight: bold; }
.sb-actions { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: end; margin-block: 1rem 2rem; }
.sb-actions form { margin: 0; }
.sb-dash { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1.5rem 2rem; align-items: start; }
@media (max-width: 60rem) { .sb-dash { grid-template-columns: minmax(0, 1fr); } }
.sb-dash__panel { border: 1px solid #ccc; padding: 1rem; min-width: 0; }
.sb-dash__panel .utrecht-heading-2 { margin-block-start: 0; }
.sb-dash__chart { margin: 0 0 1.5rem; min-width: 0; }
.sb-dash__panel .utrecht-table, .sb-dash__chart .utrecht-table { font-size: 0.9rem; }
.sb-dash__chart .utrecht-table__caption { font-size: 1rem; text-align: start; }
.sb-filters { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: end; }
.sb-filters .utrecht-form-field { min-width: 12rem; }
.sb-downloads { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; list-style: none; padding: 0; margin: 0.5rem 0 1rem; }
.sb-downloads a { display: inline-block; min-height: 44px; line-height: 44px; }
.sb-figures { display: flex; flex-wrap: wrap; gap: 1rem 2rem; list-style: none; padding: 0; }
.sb-figures strong { font-size: 1.5rem; display: block; }
.utrecht-table-container { overflow-x: auto; max-width: 100%; }
.utrecht-heading-1, .utrecht-heading-2 { overflow-wrap: anywhere; hyphens: auto; }
`;
