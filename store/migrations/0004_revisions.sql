-- Changes are counted, not timed. An exact time stamped on the workshop at
-- every submission would stay, in the WAL's old page versions, beside the
-- row it came with, undoing the quarter-hour rounding of answer times.
ALTER TABLE workshops ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE workshops ADD COLUMN exported_revision INTEGER;
UPDATE workshops SET exported_revision = CASE
	WHEN exported_at IS NULL THEN NULL
	WHEN changed_at >= exported_at THEN 0
	ELSE 1 END;

DROP TRIGGER checkins_changed;
DROP TRIGGER tallies_changed;
DROP TRIGGER quiz_changed;
DROP TRIGGER evaluations_changed;
DROP TRIGGER comments_changed;
ALTER TABLE workshops DROP COLUMN changed_at;

CREATE TRIGGER checkins_changed AFTER INSERT ON checkins BEGIN
	UPDATE workshops SET revision = revision + 1 WHERE id = NEW.workshop_id;
END;
CREATE TRIGGER tallies_changed AFTER INSERT ON tallies BEGIN
	UPDATE workshops SET revision = revision + 1 WHERE id = NEW.workshop_id;
END;
CREATE TRIGGER quiz_changed AFTER INSERT ON quiz_attempts BEGIN
	UPDATE workshops SET revision = revision + 1 WHERE id = NEW.workshop_id;
END;
CREATE TRIGGER evaluations_changed AFTER INSERT ON evaluations BEGIN
	UPDATE workshops SET revision = revision + 1 WHERE id = NEW.workshop_id;
END;
CREATE TRIGGER comments_changed AFTER UPDATE OF hidden ON comments BEGIN
	UPDATE workshops SET revision = revision + 1 WHERE id = NEW.workshop_id;
END;
