-- Issue 18, recover and propagate: the external partner an incident concerns, the traffic-surge
-- observation the recovery suggestion starts from, and the playbook's new records (replace of one
-- machine or a whole identical set, the evidence kept, the reason a hotfix was chosen).

alter table incident
    add column partner        text check (partner ~ '^[a-z0-9][a-z0-9._-]{0,99}$'),
    add column traffic_surge  boolean,
    add column traffic_signal text;

create index incident_partner on incident (partner) where partner is not null;

alter table recovery_action
    add column instance_set         text,
    add column evidence_kind        text check (evidence_kind in ('instance', 'snapshot', 'dump')),
    add column evidence_reference   text,
    add column evidence_confirmed   boolean not null default false,
    add column hotfix_reason        text check (hotfix_reason in ('rollback_impossible', 'faster')),
    add column hotfix_reason_detail text;

-- Isolations recorded before evidence was a field kept the instance itself: say so.
update recovery_action
   set evidence_kind = 'instance', evidence_reference = instance
 where kind = 'isolate' and instance is not null;
