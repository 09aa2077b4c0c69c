-- Workshops, their join tokens, phases and agendas; anonymous check-ins and
-- walk-in tallies.
CREATE TABLE workshops (
	id           TEXT PRIMARY KEY,
	title        TEXT NOT NULL,
	country      TEXT NOT NULL,
	locality     TEXT NOT NULL,
	organization TEXT NOT NULL,
	date         TEXT NOT NULL,
	start_min    INTEGER NOT NULL,
	language     TEXT NOT NULL,
	facilitator  TEXT NOT NULL DEFAULT '',
	checkin_cap  INTEGER NOT NULL,
	join_token   TEXT NOT NULL UNIQUE,
	open_checkin    INTEGER NOT NULL DEFAULT 0,
	open_quiz       INTEGER NOT NULL DEFAULT 0,
	open_evaluation INTEGER NOT NULL DEFAULT 0,
	agenda       TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE checkins (
	id            INTEGER PRIMARY KEY,
	workshop_id   TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
	submission_id TEXT NOT NULL,
	device        TEXT,
	code          TEXT NOT NULL,
	gender        TEXT NOT NULL,
	age_band      TEXT NOT NULL,
	role          TEXT NOT NULL,
	source        TEXT NOT NULL,
	at            TEXT NOT NULL,
	UNIQUE (workshop_id, submission_id),
	UNIQUE (workshop_id, device),
	UNIQUE (workshop_id, code)
) STRICT;

CREATE TABLE tallies (
	id            INTEGER PRIMARY KEY,
	workshop_id   TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
	submission_id TEXT NOT NULL,
	female        INTEGER NOT NULL,
	male          INTEGER NOT NULL,
	other         INTEGER NOT NULL,
	undisclosed   INTEGER NOT NULL,
	at            TEXT NOT NULL,
	UNIQUE (workshop_id, submission_id)
) STRICT;
