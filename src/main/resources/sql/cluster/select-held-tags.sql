-- The tags a live instance holds: one that checked in to Quartz within its check-in interval and Quartz's
-- fixed margin of 7.5 s (JobStoreSupport.calcFailedIfAfter), the same test by which Quartz declares an
-- instance failed and takes its triggers over; the asking instance counts as live whatever its row says.
SELECT DISTINCT h.tag FROM tag_holder h
LEFT JOIN qrtz_scheduler_state s ON s.sched_name = ? AND s.instance_name = h.instance
WHERE h.instance = ? OR s.last_checkin_time + s.checkin_interval + 7500 >= ?
