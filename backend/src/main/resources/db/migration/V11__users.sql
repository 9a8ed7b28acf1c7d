-- Staff accounts and their sign-in sessions (docs/security.md). The public needs no account;
-- every other user has roles and the regions (area codes) they may see and act on. A grant
-- covers every area whose code starts with it: a district (6 digits), street (9),
-- community (12) or grid (15), the same prefix scheme as the codes themselves (V1).
CREATE TABLE users (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login          text        NOT NULL UNIQUE CHECK (login ~ '^[A-Za-z0-9._@-]{1,64}$'),
    display_name   text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    -- Spring Security DelegatingPasswordEncoder format: {bcrypt}$2a$...
    password_hash  text        NOT NULL,
    roles          text[]      NOT NULL DEFAULT '{}'
                   CHECK (roles <@ ARRAY['GRID_WORKER', 'DISPATCHER', 'PLANNER', 'ADMIN']),
    regions        text[]      NOT NULL DEFAULT '{}'
                   CHECK (array_to_string(regions, ',') ~ '^([0-9]{6}([0-9]{3}){0,3}(,|$))*$'),
    enabled        boolean     NOT NULL DEFAULT true,
    -- Failed sign-ins in a row and the last one: past a limit the name is refused for a while.
    failed_logins  integer     NOT NULL DEFAULT 0,
    last_failed_at timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Opaque session tokens, kept only as their SHA-256: a copy of this table signs nobody in.
-- Every instance validates against it, and logout or disabling a user ends sessions at once.
CREATE TABLE user_session (
    token_hash bytea       PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);

CREATE INDEX user_session_user_idx ON user_session (user_id);
