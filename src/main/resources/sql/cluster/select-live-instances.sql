-- The instances checked in to Quartz within their interval and its 7.5 s margin: those sharing the tags.
SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = ? AND last_checkin_time + checkin_interval + 7500 >= ?
