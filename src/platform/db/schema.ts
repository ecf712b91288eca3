// All tables, for drizzle (queries and `drizzle-kit generate`). Modules own their schema files.
export * from '../tenancy/schema.ts';
export * from '../auth/schema.ts';
export * from '../audit/schema.ts';
export * from '../../modules/network/schema.ts';
export * from '../../modules/framework/schema.ts';
export * from '../../modules/catalogue/schema.ts';
export * from '../../modules/places/schema.ts';
export * from '../jobs/schema.ts';
