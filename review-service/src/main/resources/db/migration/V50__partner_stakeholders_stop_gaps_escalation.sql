-- The partner a hand-declared partner report names (the optional `partner` of incident-service's
-- incident events); incidents declared from an alert group take it from the detection signal.
alter table incident_fact add column partner text;

-- The audiences broadcast-service delivered an announcement or update to (delivery.succeeded): the
-- report's affected stakeholders are filled from them.
create table stakeholder_delivery (
    incident_id        uuid        not null,
    audience           text        not null,
    deliveries         int         not null,
    first_delivered_at timestamptz not null,
    last_delivered_at  timestamptz not null,
    primary key (incident_id, audience)
);

-- A stop-gap and the root-cause fix that must follow it (another action item, possibly not written yet).
alter table action_item
    add column stop_gap    boolean not null default false,
    add column root_fix_id uuid references action_item (id);
create index action_item_root_fix on action_item (root_fix_id) where stop_gap;

-- Two tiers: an org-wide review escalated from a team review of the same incident, and why.
alter table review_meeting
    add column escalated_from    uuid references review_meeting (id),
    add column escalation_reason text;
create index review_meeting_escalated_from on review_meeting (escalated_from) where escalated_from is not null;
