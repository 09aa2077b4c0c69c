-- An evaluation remembers the participant code it was given with, so a
-- person whose phone lost its cookie (or who borrowed another phone) cannot
-- evaluate the workshop twice.
ALTER TABLE evaluations ADD COLUMN code TEXT;
CREATE UNIQUE INDEX evaluations_code ON evaluations (workshop_id, code);
