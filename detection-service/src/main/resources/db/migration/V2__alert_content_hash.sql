-- A hash of the alert's source content (labels, annotations, links, details, generator URL):
-- a re-send with the same content rewrites no JSON column. Null for rows written before it
-- (their next re-send writes the content once and sets it).
alter table alert add column content_hash bigint;
