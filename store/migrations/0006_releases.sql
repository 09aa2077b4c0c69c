-- What each export released of a workshop, figure by figure, so that a
-- later export can hold back changes that rest on fewer than k new people.
-- One row per export (seq 1, 2, … per workshop) and figure ("ratings",
-- "quiz", "comments", "age/female", "role/male" …); state is the JSON of
-- what that release published and the exact counts it rests on, which
-- never leave the laptop. Only the export's date is kept, not its time.
-- Deleting the workshop deletes its releases.
CREATE TABLE releases (
	workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL CHECK (seq > 0),
	figure      TEXT NOT NULL,
	state       TEXT NOT NULL,
	released_on TEXT NOT NULL,
	PRIMARY KEY (workshop_id, seq, figure)
) STRICT;
