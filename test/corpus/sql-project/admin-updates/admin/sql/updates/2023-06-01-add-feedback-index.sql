BEGIN;

CREATE INDEX listen_feedback_user_id_ndx ON listen_feedback (user_id);

COMMIT;
