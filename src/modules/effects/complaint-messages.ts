// UI text of the effects module: complaint part. en must have exactly the keys of nl.
export const nl = {} as const;
export const en: Record<keyof typeof nl, string> = {};
