-- Issue 18, propagate: how widely news goes depends on the type of incident, and each audience can
-- get its own words.

-- The read model learns the incident's kind (its detection method) and partner from the events.
alter table incident
    add column detection_method text,
    add column partner          text;

-- A subscription may listen only to some kinds of incident; empty: every kind.
alter table subscription
    add column kinds text[] not null default '{}'
        check (kinds <@ array['system_alarm', 'business_metric', 'external_integration',
                              'cs_inquiry', 'partner_report', 'employee', 'manual']);

-- An audience's own update template (Qute text); null: its register's template.
alter table audience
    add column update_template text check (length(update_template) <= 8000);

update audience set update_template =
'Dear customer,
{u.headline}
{u.impact}
{#if u.expectedRecovery}
We expect ordering to work normally again by {u.expectedRecovery}.
{#else if u.nextUpdate}
We do not know yet when ordering will work normally again. We will tell you more by {u.nextUpdate}.
{/if}
{#if u.followUps}
What happens to your order and payment:
{#for f in u.followUps}
- {f}
{/for}
{/if}
We are sorry for the trouble. Live status: {u.statusPageUrl}'
where key = 'customers';

update audience set update_template =
'To our riders:
{u.headline}
{u.impact}
{#if u.expectedRecovery}
Pick-ups and drop-offs should work normally again by {u.expectedRecovery}.
{#else if u.nextUpdate}
We do not know yet when pick-ups and drop-offs will work normally again. Next news by {u.nextUpdate}.
{/if}
{#if u.followUps}
What happens to your deliveries and earnings:
{#for f in u.followUps}
- {f}
{/for}
{/if}
Please keep the app open; live status: {u.statusPageUrl}'
where key = 'riders';

update audience set update_template =
'To our store owners:
{u.headline}
{u.impact}
{#if u.expectedRecovery}
Orders to your store should come in normally again by {u.expectedRecovery}.
{#else if u.nextUpdate}
We do not know yet when orders to your store will come in normally again. Next news by {u.nextUpdate}.
{/if}
{#if u.followUps}
What happens to your orders and settlements:
{#for f in u.followUps}
- {f}
{/for}
{/if}
Live status: {u.statusPageUrl}'
where key = 'store_owners';

update audience set update_template =
'Partner notice ({u.statusLabel}):
{u.headline}
{u.impact}
{#if u.expectedRecovery}
We expect the connection with your systems to work normally again by {u.expectedRecovery}.
{#else if u.nextUpdate}
We do not know yet when the connection with your systems will work normally again. Next notice by {u.nextUpdate}.
{/if}
{#if u.followUps}
Follow-up on our side:
{#for f in u.followUps}
- {f}
{/for}
{/if}
Live status: {u.statusPageUrl}'
where key in ('pos_vendors', 'delivery_agencies', 'franchises', 'payment_gateways');
