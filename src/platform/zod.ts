// zod with the OpenAPI extension applied. Import z from here (not from 'zod') so every schema, wherever it is
// built, can carry .openapi() metadata: zod 4 attaches methods per instance, so the extension must load first.
export { z } from '@hono/zod-openapi';

/**
 * Input as it arrives from a form, a query string or JSON, before the service validates it: coded values
 * (enums, literal unions) are plain strings, so callers pass what they received without casting.
 */
export type Unchecked<T> = T extends string ? string : T extends readonly (infer U)[] ? Unchecked<U>[] : T extends Date ? T : T extends object ? { [K in keyof T]: Unchecked<T[K]> } : T;
