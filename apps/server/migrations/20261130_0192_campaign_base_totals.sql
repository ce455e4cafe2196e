-- The campaign and base lists show each one's activities, audience, last date, volunteers and hours, counted over the
-- activities the actor may see (activities/repository.ts totalsBy). At county scale a campaign has ~16k activities:
-- - the campaign and base indexes carry the node (for the scope), the audience and the id, so the activity totals
--   and the ids to join come from the index alone (5 campaigns: 243 → 9 ms of SQLite CPU);
-- - a participant's hours sit beside the activity's key, so the join reads no participant rows (872 → 265 ms).
-- The date stays second in both indexes: a campaign's or base's activities newest first are still a run of entries.
DROP INDEX activity_campaign;
CREATE INDEX activity_campaign ON activity (campaign_id, activity_date, org_unit_id, audience_total, id);
DROP INDEX activity_base;
CREATE INDEX activity_base ON activity (base_id, activity_date, org_unit_id, audience_total, id);
CREATE INDEX activity_volunteer_hours ON activity_volunteer (activity_id, volunteer_id, hours_tenths);
-- Statistics for the new index, or SQLite keeps choosing the primary key's (which then reads every participant row).
ANALYZE activity_volunteer;
