// The indicators module's public entry (accountability level 4): indicator definitions, values per area and
// period (own areas and benchmarks), per-area targets, and the choropleth map. Other modules use only this file.
export { listIndicators, getIndicator, listIndicatorVersions, createIndicator, editIndicator, areaLevels, type IndicatorView, type IndicatorVersionView, type AreaLevel } from './definitions.ts';
export { listIndicatorValues, listValuesOfIndicators, writeIndicatorValues, type IndicatorValueView, type ValueQuery, type RawValue, type WriteValuesResult } from './values.ts';
export { listIndicatorTargets, getIndicatorTarget, saveIndicatorTarget, deleteIndicatorTarget, type IndicatorTargetView } from './targets.ts';
export { parsePeriod, comparePeriods, type Period } from './periods.ts';
export { editsIndicators } from './policy.ts';
export { renderIndicatorMap, type MapRow, type MapClass } from './map.ts';
