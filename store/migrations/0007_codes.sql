-- Participant codes: every code a workshop issued, how, and the one phone
-- it belongs to, so a phone cannot answer in another person's place. A
-- phone check-in's code belongs to that phone from the start; a paper
-- check-in's code to the first phone that answers with it, unless paper
-- answers already carry it; a code reserved for paper slips to no phone
-- ever. The device is the hash of the phone's random cookie, as in
-- checkins: nothing that identifies a person.
CREATE TABLE codes (
	workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
	code        TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('phone', 'paper', 'reserved')),
	device      TEXT,
	PRIMARY KEY (workshop_id, code)
) STRICT, WITHOUT ROWID;

INSERT INTO codes (workshop_id, code, kind, device)
	SELECT workshop_id, code, CASE WHEN device IS NULL THEN 'paper' ELSE 'phone' END, device FROM checkins;
UPDATE codes SET device = coalesce(
	(SELECT q.device FROM quiz_attempts q WHERE q.workshop_id = codes.workshop_id AND q.code = codes.code
		AND q.device IS NOT NULL ORDER BY q.id LIMIT 1),
	(SELECT e.device FROM evaluations e WHERE e.workshop_id = codes.workshop_id AND e.code = codes.code
		AND e.device IS NOT NULL ORDER BY e.id LIMIT 1))
	WHERE kind = 'paper'
		-- as a claim now: never a code her paper answers already carry
		AND NOT EXISTS (SELECT 1 FROM quiz_attempts q WHERE q.workshop_id = codes.workshop_id AND q.code = codes.code
			AND q.device IS NULL)
		AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.workshop_id = codes.workshop_id AND e.code = codes.code
			AND e.device IS NULL);

-- How many answers from phones were refused for their participant code,
-- per workshop: a count for the facilitator's screen, nothing more.
CREATE TABLE code_refusals (
	workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
	refused     INTEGER NOT NULL
) STRICT;
