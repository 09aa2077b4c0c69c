-- Settings, and what changed since each workshop's last export.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

ALTER TABLE workshops ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE workshops ADD COLUMN exported_at TEXT;
UPDATE workshops SET changed_at = updated_at;

CREATE TRIGGER checkins_changed AFTER INSERT ON checkins BEGIN
	UPDATE workshops SET changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.workshop_id;
END;
CREATE TRIGGER tallies_changed AFTER INSERT ON tallies BEGIN
	UPDATE workshops SET changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.workshop_id;
END;
CREATE TRIGGER quiz_changed AFTER INSERT ON quiz_attempts BEGIN
	UPDATE workshops SET changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.workshop_id;
END;
CREATE TRIGGER evaluations_changed AFTER INSERT ON evaluations BEGIN
	UPDATE workshops SET changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.workshop_id;
END;
CREATE TRIGGER comments_changed AFTER UPDATE OF hidden ON comments BEGIN
	UPDATE workshops SET changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.workshop_id;
END;
