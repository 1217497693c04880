CREATE TABLE overdue_notices (
    notice_id bigserial PRIMARY KEY,
    loan_id bigint NOT NULL REFERENCES loans (loan_id),
    sent_at timestamptz NOT NULL DEFAULT now(),
    channel varchar(8) NOT NULL DEFAULT 'email'
);
