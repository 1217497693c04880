-- Following moved to the social service; its data was exported the release before.
BEGIN;

DROP TABLE follow_list;

COMMIT;
