// The reach module's public entry: what other modules (effects, accountability, subsidies) may use.
export { identifierOf, pseudonymOf, normaliseDate, isBsn, looksLikeBsnHeader, type ResidentIdentity, type IdentifierResult } from './identity.ts';
export { residentsReachedBy, type OrganisationReach } from './organisation-reach.ts';
export { discloseCount, discloseColumn, discloseMatrix, isSuppressed, countText, SUPPRESSED, HIDDEN, SMALL_CELL_LIMIT, type Count } from './disclosure.ts';
