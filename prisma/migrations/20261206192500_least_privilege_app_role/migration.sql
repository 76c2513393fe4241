-- The application's queries run as `verifyd_app`, a role that owns nothing: it may read and write the
-- tables, but on audit_event only INSERT and SELECT. Migrations run as the owner (MIGRATION_DATABASE_URL),
-- so the app role can neither UPDATE/DELETE/TRUNCATE the audit log nor drop or replace its triggers
-- (only a table's owner may). Roles are cluster-wide: an operator may create `verifyd_app` beforehand
-- (with LOGIN and a password, or NOLOGIN and grant it to the login role the app uses); otherwise it is
-- created here without LOGIN, which needs CREATEROLE.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'verifyd_app') THEN
        BEGIN
            CREATE ROLE verifyd_app NOLOGIN;
        EXCEPTION
            -- Two databases on one cluster migrating at the same moment (test runs): the other one won.
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'the role verifyd_app does not exist and % may not create it', current_user
                    USING HINT = 'Create it once as an administrator (CREATE ROLE verifyd_app LOGIN PASSWORD ''...''), then run the migrations again. See README, Production.';
        END;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO verifyd_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO verifyd_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO verifyd_app;

-- Tables and sequences that later migrations create (as this same owner) get the same grants. A later
-- append-only table must REVOKE UPDATE, DELETE explicitly, as audit_event does below.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO verifyd_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO verifyd_app;

-- The audit log: append and read, nothing else (the append-only triggers stay as a second wall for the owner).
REVOKE ALL ON "audit_event" FROM verifyd_app;
GRANT SELECT, INSERT ON "audit_event" TO verifyd_app;

-- Migration bookkeeping is the owner's business.
REVOKE ALL ON "_prisma_migrations" FROM verifyd_app;
