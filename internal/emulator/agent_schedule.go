package emulator

import "sort"

// The agent work scheduler. Create Agent documents the canonical shape
// {"timezone":..., "schedule":[{"day","enabled","start","end"}]}; the Update Agent example shows
// {"monday":{"start","end"},...}. Update accepts both; reads always return the canonical shape.

type workSchedulerInput struct {
	timezone string
	schedule []ScheduleEntry
}

// parseWorkScheduler reads the canonical {"timezone","schedule":[...]} shape and, when dayMap is
// set, the {"monday":{"start","end"},...} shape, normalized to enabled schedule entries.
func parseWorkScheduler(p *params, dayMap bool) (*workSchedulerInput, *apiError) {
	ws, ok, e := p.object("work_scheduler", false)
	if !ok {
		return nil, e
	}
	in := &workSchedulerInput{schedule: []ScheduleEntry{}}
	if tz, ok, e := ws.str("timezone", false); e != nil {
		return nil, e
	} else if ok && tz != "" {
		if !validTimezone(tz) {
			return nil, errValidation("%s must be an IANA time zone name", ws.name("timezone"))
		}
		in.timezone = tz
	}
	if ws.has("schedule") || !dayMap {
		if e := ws.only("timezone", "schedule"); e != nil {
			return nil, e
		}
		entries, _, e := ws.objects("schedule", true)
		if e != nil {
			return nil, e
		}
		for _, en := range entries {
			if e := en.only("day", "enabled", "start", "end"); e != nil {
				return nil, e
			}
			day, _, e := en.str("day", true)
			if e == nil {
				e = oneOf(en.path+"day", day, weekdays)
			}
			if e != nil {
				return nil, e
			}
			enabled, _, e := en.boolean("enabled", true)
			if e != nil {
				return nil, e
			}
			start, end, e := hours(en)
			if e != nil {
				return nil, e
			}
			in.schedule = append(in.schedule, ScheduleEntry{Day: day, Enabled: enabled, Start: start, End: end})
		}
		return in, nil
	}
	days := make([]string, 0, len(ws.m))
	for k := range ws.m {
		if k == "timezone" {
			continue
		}
		if !contains(weekdays, k) {
			return nil, errValidation("%s is not a supported parameter", ws.name(k))
		}
		days = append(days, k)
	}
	sort.Slice(days, func(i, j int) bool { return weekdayIndex(days[i]) < weekdayIndex(days[j]) })
	for _, day := range days {
		d, _, e := ws.object(day, true)
		if e != nil {
			return nil, e
		}
		if e := d.only("start", "end", "enabled"); e != nil {
			return nil, e
		}
		enabled, ok, e := d.boolean("enabled", false)
		if e != nil {
			return nil, e
		}
		start, end, e := hours(d)
		if e != nil {
			return nil, e
		}
		in.schedule = append(in.schedule, ScheduleEntry{Day: day, Enabled: enabled || !ok, Start: start, End: end})
	}
	return in, nil
}

// hours reads the required HH:MM start and end of a schedule entry.
func hours(p *params) (string, string, *apiError) {
	var out [2]string
	for i, k := range []string{"start", "end"} {
		v, _, e := p.str(k, true)
		if e != nil {
			return "", "", e
		}
		if !hhmm.MatchString(v) {
			return "", "", errValidation("%s must be a time in the HH:MM format", p.name(k))
		}
		out[i] = v
	}
	return out[0], out[1], nil
}
