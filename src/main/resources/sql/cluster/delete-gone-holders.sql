-- The rows of instances Quartz no longer knows: it deletes an instance's check-in row once it has
-- recovered that instance's triggers, so these are instances that stopped (or were killed) for good.
DELETE FROM tag_holder WHERE instance NOT IN (SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = ?)
