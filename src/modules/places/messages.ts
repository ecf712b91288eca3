// UI text of the places module. en must have exactly the keys of nl.
export const nl = {};
export const en: Record<keyof typeof nl, string> = {};
