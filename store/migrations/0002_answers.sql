-- Quiz attempts and evaluations, with the evaluations' free text kept apart
-- so each comment can be hidden from exports.
CREATE TABLE quiz_attempts (
	id            INTEGER PRIMARY KEY,
	workshop_id   TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
	submission_id TEXT NOT NULL,
	device        TEXT,
	code          TEXT,
	kind          TEXT NOT NULL CHECK (kind IN ('pre', 'post')),
	answers       TEXT NOT NULL,
	score         INTEGER NOT NULL,
	total         INTEGER NOT NULL CHECK (total > 0),
	source        TEXT NOT NULL,
	at            TEXT NOT NULL,
	UNIQUE (workshop_id, submission_id),
	UNIQUE (workshop_id, kind, device),
	UNIQUE (workshop_id, kind, code)
) STRICT;

CREATE TABLE evaluations (
	id            INTEGER PRIMARY KEY,
	workshop_id   TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
	submission_id TEXT NOT NULL,
	device        TEXT,
	overall       INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5),
	usefulness    INTEGER NOT NULL CHECK (usefulness BETWEEN 1 AND 5),
	clarity       INTEGER NOT NULL CHECK (clarity BETWEEN 1 AND 5),
	safety        INTEGER NOT NULL CHECK (safety BETWEEN 1 AND 5),
	recommend     INTEGER NOT NULL CHECK (recommend BETWEEN 1 AND 5),
	source        TEXT NOT NULL,
	at            TEXT NOT NULL,
	UNIQUE (workshop_id, submission_id),
	UNIQUE (workshop_id, device)
) STRICT;

CREATE TABLE comments (
	id            INTEGER PRIMARY KEY,
	evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
	workshop_id   TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
	kind          TEXT NOT NULL CHECK (kind IN ('apply', 'comment')),
	text          TEXT NOT NULL,
	hidden        INTEGER NOT NULL DEFAULT 0,
	at            TEXT NOT NULL
) STRICT;
CREATE INDEX comments_workshop ON comments (workshop_id);
