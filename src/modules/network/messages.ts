// UI text of the network module. en must have exactly the keys of nl.
export const nl = {};
export const en: Record<keyof typeof nl, string> = {};
