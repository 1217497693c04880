CREATE TABLE users (
    id uuid PRIMARY KEY,
    email_hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
