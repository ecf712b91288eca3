/** Full API version, sent in the API-Version header (NLGov API Design Rules). Major version is in the path (/api/v1). */
export const API_VERSION = '1.0.0';
