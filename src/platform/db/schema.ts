// The platform's own tables. Each module owns its schema file (src/modules/<module>/schema.ts); drizzle-kit reads
// them all (drizzle.config.ts), and the platform never imports them.
export * from '../tenancy/schema.ts';
export * from '../auth/schema.ts';
export * from '../audit/schema.ts';
export * from '../jobs/schema.ts';
