-- Tandem cloud schema, version 9: placeholder, filled by the tag identity step.
SELECT 1;
