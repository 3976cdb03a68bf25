-- Each claim of a delivery gets a token of its own; a result is recorded only under the token of
-- the claim that made it. A slow attempt whose lease ran out (and whose delivery another claim took
-- meanwhile, or an admin replayed) cannot overwrite what the newer one wrote.
alter table delivery add column lease_token uuid;
