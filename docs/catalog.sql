-- Switchboard catalog (config `catalog`): users and databases shared by proxy replicas. PostgreSQL.
-- The proxy creates these tables when they are missing. Config-file entries win over rows of the same name.
-- switchboard_databases.password_ref holds a reference (${env:NAME} or ${file:PATH}) or '', never a password.
-- switchboard_users.verifier is a SCRAM-SHA-256 verifier in PostgreSQL's form (sbctl scram, or pg_authid).
-- switchboard_users.databases may hold names, template instances, templates and {user}, as in the config file.
CREATE TABLE IF NOT EXISTS switchboard_databases (
    name text PRIMARY KEY, jdbc_url text NOT NULL, username text NOT NULL DEFAULT '',
    password_ref text NOT NULL DEFAULT '', pool_mode text, keep_warm boolean NOT NULL DEFAULT false,
    max_pool_size int, min_idle int, connection_timeout_ms int);
CREATE TABLE IF NOT EXISTS switchboard_users (
    name text PRIMARY KEY, verifier text NOT NULL, databases text[] NOT NULL,
    default_database text, valid_until timestamptz, max_client_connections int NOT NULL DEFAULT 0);
