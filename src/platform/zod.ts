// zod with the OpenAPI extension applied. Import z from here (not from 'zod') so every schema, wherever it is
// built, can carry .openapi() metadata: zod 4 attaches methods per instance, so the extension must load first.
export { z } from '@hono/zod-openapi';
