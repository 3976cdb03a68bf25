-- The W3C traceparent of the step that queued the delivery (the fire alarm's consume of
-- incident.declared, an update's request), so that the dispatcher's HTTP call, whenever it runs,
-- is a span of the same trace (ADR 0140). Null when the queuing was not traced.
alter table delivery add column traceparent text;
