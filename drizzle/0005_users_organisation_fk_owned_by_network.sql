-- No change to the database: users.organisation_id keeps its foreign key to organisations(id) (on delete set null).
-- The platform's schema no longer declares it (the platform imports no module); this note marks who owns it.
COMMENT ON CONSTRAINT "users_organisation_id_organisations_id_fk" ON "users" IS 'Declared by the network module (membership); not in the platform schema.';
