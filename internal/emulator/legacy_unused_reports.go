package emulator

import (
	"math"
	"sort"
	"time"
)

// Reports: the "Reports" folder of the REST API v2 Postman collection, which gives the paths and
// parameters but no answers. Every report is computed from the emulator's own objects (archived
// chats, tickets, goal conversions, greetings, agents' work schedules) over the requested date
// range, so figures are deterministic: a fresh license reports zeros. Shapes: API-NOTES.md.
//
// The provider never calls this surface (reports are no configuration): it is served for users' CI
// that calls the REST API v2 directly, as the reference describes it (README, "Running the emulator
// for your own CI").

var (
	reportGroupBy = []string{"hour", "day", "month"}
	reportWeekday = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
)

const maxReportDays = 3660

// reportPeriod is one period of a report: [from, to) in Unix seconds, labeled by key.
type reportPeriod struct {
	key      string
	from, to int64
}

// reportQuery is the validated common part of a report request.
type reportQuery struct {
	from, to    time.Time // whole days, UTC; to is exclusive
	groupBy     string
	agent       string
	group       int
	hasGroup    bool
	hasAgent    bool
	buckets     []reportPeriod
	allInOne    reportPeriod
	singleDay   bool
	extraParams *lparams
}

func parseReport(c *call, p *lparams, extra ...string) (*reportQuery, *apiError) {
	if e := p.only(append([]string{"date_from", "date_to", "agent", "group", "group_by"}, extra...)...); e != nil {
		return nil, e
	}
	today := time.Date(c.now.Year(), c.now.Month(), c.now.Day(), 0, 0, 0, 0, time.UTC)
	toDay := today
	if s, ok, e := p.date("date_to"); e != nil {
		return nil, e
	} else if ok {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return nil, legacyBad("`date_to` is not a valid date")
		}
		toDay = t
	}
	fromDay := toDay.AddDate(0, 0, -6)
	if s, ok, e := p.date("date_from"); e != nil {
		return nil, e
	} else if ok {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return nil, legacyBad("`date_from` is not a valid date")
		}
		fromDay = t
		if !p.has("date_to") && toDay.Before(fromDay) {
			toDay = fromDay
		}
	}
	if toDay.Before(fromDay) {
		return nil, legacyBad("`date_to` must not be before `date_from`")
	}
	if toDay.Sub(fromDay) > maxReportDays*24*time.Hour {
		return nil, legacyBad("The date range may span at most %d days", maxReportDays)
	}
	q := &reportQuery{from: fromDay, to: toDay.AddDate(0, 0, 1), groupBy: "day", extraParams: p}
	q.singleDay = fromDay.Equal(toDay)
	if g, ok, e := p.str("group_by", false); e != nil {
		return nil, e
	} else if ok {
		if e := p.enum("group_by", g, reportGroupBy); e != nil {
			return nil, e
		}
		q.groupBy = g
	}
	if q.groupBy == "hour" && !q.singleDay {
		return nil, legacyBad("`group_by=hour` needs a one-day range (date_from equal to date_to)")
	}
	var e *apiError
	if q.agent, q.hasAgent, e = p.str("agent", false); e != nil {
		return nil, e
	}
	if q.group, q.hasGroup, e = p.id("group", false); e != nil {
		return nil, e
	}
	if q.hasGroup && c.st.groups.in(q.group, c.view()) == nil {
		return nil, legacyNotFound("Group %d not found", q.group)
	}
	if q.hasAgent && c.st.agents.in(q.agent, c.view()) == nil {
		return nil, legacyNotFound("Agent %s not found", q.agent)
	}
	q.allInOne = reportPeriod{key: "total", from: q.from.Unix(), to: q.to.Unix()}
	switch q.groupBy {
	case "hour":
		for h := 0; h < 24; h++ {
			start := q.from.Add(time.Duration(h) * time.Hour)
			q.buckets = append(q.buckets, reportPeriod{start.Format("15:04"), start.Unix(), start.Add(time.Hour).Unix()})
		}
	case "day":
		for d := q.from; d.Before(q.to); d = d.AddDate(0, 0, 1) {
			q.buckets = append(q.buckets, reportPeriod{d.Format("2006-01-02"), d.Unix(), d.AddDate(0, 0, 1).Unix()})
		}
	case "month":
		for m := time.Date(q.from.Year(), q.from.Month(), 1, 0, 0, 0, 0, time.UTC); m.Before(q.to); m = m.AddDate(0, 1, 0) {
			start, end := laterTime(m, q.from), earlierTime(m.AddDate(0, 1, 0), q.to)
			q.buckets = append(q.buckets, reportPeriod{m.Format("2006-01"), start.Unix(), end.Unix()})
		}
	}
	return q, nil
}

func laterTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlierTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// perBucket renders {"<reportPeriod>": fill(reportPeriod)} for every reportPeriod.
func (q *reportQuery) perBucket(fill func(b reportPeriod) map[string]any) map[string]any {
	out := map[string]any{}
	for _, b := range q.buckets {
		out[b.key] = fill(b)
	}
	return out
}

// chats returns the ended chats that started in b and match the agent and group filters.
func (c *call) reportChats(q *reportQuery, b reportPeriod) []*Chat {
	var out []*Chat
	for _, ch := range c.st.legacy.sortedChats() {
		if ch.Pending || ch.Started < b.from || ch.Started >= b.to {
			continue
		}
		if (q.hasAgent && !contains(ch.Agents, q.agent)) || (q.hasGroup && !legacyHasInt(ch.Groups, q.group)) {
			continue
		}
		out = append(out, ch)
	}
	return out
}

// reportTickets returns the tickets for which at(t) falls in b and that match the filters.
func (c *call) reportTickets(q *reportQuery, b reportPeriod, at func(*Ticket) int64) []*Ticket {
	var out []*Ticket
	for _, t := range c.st.legacy.sortedTickets() {
		ts := at(t)
		if ts == 0 || ts < b.from || ts >= b.to {
			continue
		}
		if q.hasAgent && (t.Assignee == nil || t.Assignee.ID != q.agent) {
			continue
		}
		if q.hasGroup && !legacyHasInt(t.Groups, q.group) {
			continue
		}
		out = append(out, t)
	}
	return out
}

func legacyRound2(x float64) float64 { return math.Round(x*100) / 100 }

func legacyAverage(sum int64, n int) float64 {
	if n == 0 {
		return 0
	}
	return legacyRound2(float64(sum) / float64(n))
}

func routeLegacyReports(rs *routeList) {
	chatReport := func(path string, fill func(c *call, q *reportQuery, chats []*Chat, b reportPeriod) map[string]any, extra ...string) {
		rs.add("GET", path, func(c *call, p *lparams, _ []string) (any, *apiError) {
			q, e := parseReport(c, p, extra...)
			if e != nil {
				return nil, e
			}
			return q.perBucket(func(b reportPeriod) map[string]any { return fill(c, q, c.reportChats(q, b), b) }), nil
		})
	}
	chatReport("/reports/chats/engagement", func(_ *call, _ *reportQuery, chats []*Chat, _ reportPeriod) map[string]any {
		out := map[string]any{"auto_invite": 0, "manual_invite": 0, "immediate_start": 0}
		for _, ch := range chats {
			if n, ok := out[ch.Engagement].(int); ok {
				out[ch.Engagement] = n + 1
			}
		}
		return out
	})
	chatReport("/reports/chats/total_chats", func(_ *call, _ *reportQuery, chats []*Chat, _ reportPeriod) map[string]any {
		return map[string]any{"chats": len(chats)}
	})
	chatReport("/reports/chats/ratings", func(_ *call, _ *reportQuery, chats []*Chat, _ reportPeriod) map[string]any {
		good, bad := 0, 0
		for _, ch := range chats {
			good += legacyFlag(ch.Rate == "rated_good")
			bad += legacyFlag(ch.Rate == "rated_bad")
		}
		return map[string]any{"chats": len(chats), "good": good, "bad": bad}
	})
	chatReport("/reports/chats/queued_visitors", func(_ *call, _ *reportQuery, chats []*Chat, _ reportPeriod) map[string]any {
		queued := 0
		for _, ch := range chats {
			queued += legacyFlag(ch.QueueDuration > 0)
		}
		return map[string]any{"queued": map[string]any{"count": queued}, "entered_chat": map[string]any{"count": queued},
			"left_queue": map[string]any{"count": 0}}
	})
	chatReport("/reports/chats/queued_visitors/waiting_times", func(_ *call, _ *reportQuery, chats []*Chat, _ reportPeriod) map[string]any {
		n, sum, lo, hi := 0, int64(0), 0, 0
		for _, ch := range chats {
			if ch.QueueDuration <= 0 {
				continue
			}
			if n == 0 || ch.QueueDuration < lo {
				lo = ch.QueueDuration
			}
			hi = max(hi, ch.QueueDuration)
			n++
			sum += int64(ch.QueueDuration)
		}
		return map[string]any{"count": n, "min": lo, "max": hi, "average": legacyAverage(sum, n)}
	})
	chatReport("/reports/chats/chatting_time", func(_ *call, q *reportQuery, chats []*Chat, _ reportPeriod) map[string]any {
		var secs int64
		for _, ch := range chats {
			secs += ch.Ended - ch.Started
		}
		if q.groupBy == "hour" {
			return map[string]any{"minutes": legacyRound2(float64(secs) / 60)}
		}
		return map[string]any{"hours": legacyRound2(float64(secs) / 3600)}
	})
	chatReport("/reports/chats/first_response_time", func(_ *call, _ *reportQuery, chats []*Chat, _ reportPeriod) map[string]any {
		n, sum := 0, int64(0)
		for _, ch := range chats {
			if ch.FirstResponse > 0 {
				n++
				sum += int64(ch.FirstResponse)
			}
		}
		return map[string]any{"count": n, "response_time": legacyAverage(sum, n)}
	})
	chatReport("/reports/chats/response_time", func(_ *call, _ *reportQuery, chats []*Chat, _ reportPeriod) map[string]any {
		n, sum := 0, int64(0)
		for _, ch := range chats {
			var waiting int64 = -1
			for _, m := range ch.Messages {
				switch {
				case m.UserType == "visitor" && waiting < 0:
					waiting = m.Timestamp
				case m.UserType == "agent" && waiting >= 0:
					n++
					sum += m.Timestamp - waiting
					waiting = -1
				}
			}
		}
		return map[string]any{"count": n, "response_time": legacyAverage(sum, n)}
	})
	chatReport("/reports/chats/goals", func(c *call, q *reportQuery, _ []*Chat, b reportPeriod) map[string]any {
		goal, hasGoal, _ := q.extraParams.id("goal", false)
		n := 0
		for _, conv := range c.st.legacy.conversions {
			if conv.Timestamp >= b.from && conv.Timestamp < b.to && (!hasGoal || conv.GoalID == goal) {
				n++
			}
		}
		return map[string]any{"goals": n}
	}, "goal")
	chatReport("/reports/chats/greetings", func(c *call, q *reportQuery, chats []*Chat, _ reportPeriod) map[string]any {
		accepted, goals := 0, 0
		for _, ch := range chats {
			if ch.Greeting != 0 {
				accepted++
				goals += legacyFlag(len(ch.Goals) > 0)
			}
		}
		// Synthetic but deterministic: each active greeting (of the group) was displayed three
		// times per period besides the displays that turned into chats.
		active := 0
		for _, g := range c.st.legacy.greetings.list(c.view()) {
			if g.Active && (!q.hasGroup || g.Group == q.group) {
				active++
			}
		}
		return map[string]any{"displayed": accepted + 3*active, "accepted": accepted, "goals": goals}
	})
	rankingChats := func(c *call, p *lparams, _ []string) (any, *apiError) {
		q, e := parseReport(c, p)
		if e != nil {
			return nil, e
		}
		score := map[string][2]int{}
		for _, ch := range c.reportChats(q, q.allInOne) {
			for _, a := range ch.Agents {
				s := score[a]
				s[0] += legacyFlag(ch.Rate == "rated_good")
				s[1] += legacyFlag(ch.Rate == "rated_bad")
				score[a] = s
			}
		}
		return map[string]any{"ranking": legacyRanking(score)}, nil
	}
	rs.add("GET", "/reports/chats/ratings/ranking", rankingChats)
	rs.add("GET", "/reports/chats/agents_occupancy", agentsOccupancy)
	rs.add("GET", "/reports/availability", availabilityReport)

	ticketReport := func(path string, at func(*Ticket) int64, fill func(q *reportQuery, tickets []*Ticket) map[string]any) {
		rs.add("GET", path, func(c *call, p *lparams, _ []string) (any, *apiError) {
			q, e := parseReport(c, p)
			if e != nil {
				return nil, e
			}
			return q.perBucket(func(b reportPeriod) map[string]any { return fill(q, c.reportTickets(q, b, at)) }), nil
		})
	}
	created := func(t *Ticket) int64 { return t.Created }
	ticketReport("/reports/tickets/new_tickets", created, func(_ *reportQuery, ts []*Ticket) map[string]any {
		return map[string]any{"new_tickets": len(ts)}
	})
	ticketReport("/reports/tickets/first_response_time", func(t *Ticket) int64 { return t.FirstResponse },
		func(_ *reportQuery, ts []*Ticket) map[string]any {
			var sum int64
			for _, t := range ts {
				sum += t.FirstResponse - t.Created
			}
			return map[string]any{"count": len(ts), "first_response_time": legacyAverage(sum, len(ts))}
		})
	ticketReport("/reports/tickets/solved_tickets", func(t *Ticket) int64 { return t.Solved },
		func(_ *reportQuery, ts []*Ticket) map[string]any { return map[string]any{"solved": len(ts)} })
	ticketReport("/reports/tickets/resolution_time", func(t *Ticket) int64 { return t.Solved },
		func(_ *reportQuery, ts []*Ticket) map[string]any {
			var sum int64
			for _, t := range ts {
				sum += t.Solved - t.Created
			}
			return map[string]any{"count": len(ts), "resolution_time": legacyAverage(sum, len(ts))}
		})
	ticketReport("/reports/tickets/ticket_sources", created, func(_ *reportQuery, ts []*Ticket) map[string]any {
		out := map[string]any{}
		for _, s := range ticketSourceFilter {
			out[s] = 0
		}
		for _, t := range ts {
			if n, ok := out[t.Source.Type].(int); ok {
				out[t.Source.Type] = n + 1
			}
		}
		return out
	})
	ticketReport("/reports/tickets/ratings", created, func(_ *reportQuery, ts []*Ticket) map[string]any {
		good, bad := 0, 0
		for _, t := range ts {
			good += legacyFlag(t.Rate == "rated_good")
			bad += legacyFlag(t.Rate == "rated_bad")
		}
		return map[string]any{"good": good, "bad": bad}
	})
	rs.add("GET", "/reports/tickets/ratings/ranking", func(c *call, p *lparams, _ []string) (any, *apiError) {
		q, e := parseReport(c, p)
		if e != nil {
			return nil, e
		}
		score := map[string][2]int{}
		for _, t := range c.reportTickets(q, q.allInOne, created) {
			if t.Assignee == nil {
				continue
			}
			s := score[t.Assignee.ID]
			s[0] += legacyFlag(t.Rate == "rated_good")
			s[1] += legacyFlag(t.Rate == "rated_bad")
			score[t.Assignee.ID] = s
		}
		return map[string]any{"ranking": legacyRanking(score)}, nil
	})
}

// ranking orders agents by their share of good ratings, then by name.
func legacyRanking(score map[string][2]int) []any {
	type row struct {
		name      string
		good, bad int
		score     float64
	}
	var rows []row
	for name, s := range score {
		r := row{name: name, good: s[0], bad: s[1]}
		if s[0]+s[1] > 0 {
			r.score = legacyRound2(float64(s[0]) / float64(s[0]+s[1]))
		}
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].score != rows[j].score {
			return rows[i].score > rows[j].score
		}
		return rows[i].name < rows[j].name
	})
	out := make([]any, 0, len(rows))
	for _, r := range rows {
		out = append(out, map[string]any{"name": r.name, "good": r.good, "bad": r.bad, "total": r.good + r.bad, "score": r.score})
	}
	return out
}

// agentsOccupancy: for each hour of the chosen weekday, the most chats that overlapped that
// hour on any such day of the range.
func agentsOccupancy(c *call, p *lparams, _ []string) (any, *apiError) {
	q, e := parseReport(c, p, "weekday")
	if e != nil {
		return nil, e
	}
	wd, ok, e := p.str("weekday", false)
	if e != nil {
		return nil, e
	}
	if !ok {
		wd = "mon"
	}
	if e := p.enum("weekday", wd, reportWeekday); e != nil {
		return nil, e
	}
	chats := c.reportChats(q, q.allInOne)
	out := map[string]any{}
	for h := 0; h < 24; h++ {
		most := 0
		for d := q.from; d.Before(q.to); d = d.AddDate(0, 0, 1) {
			if reportWeekday[d.Weekday()] != wd {
				continue
			}
			from, to := d.Add(time.Duration(h)*time.Hour).Unix(), d.Add(time.Duration(h+1)*time.Hour).Unix()
			n := 0
			for _, ch := range chats {
				n += legacyFlag(ch.Started < to && ch.Ended > from)
			}
			most = max(most, n)
		}
		out[time.Date(2000, 1, 1, h, 0, 0, 0, time.UTC).Format("15:04")] = map[string]any{"max": most}
	}
	return out, nil
}

// availabilityReport sums the agents' enabled work-schedule time (read as UTC) per period: minutes per
// hour for a one-day range grouped by hour, else hours.
func availabilityReport(c *call, p *lparams, _ []string) (any, *apiError) {
	q, e := parseReport(c, p)
	if e != nil {
		return nil, e
	}
	var agents []*Agent
	for _, a := range c.st.agents.list(c.view()) {
		if q.hasAgent && a.ID != q.agent {
			continue
		}
		if _, member := a.membership(q.group); q.hasGroup && q.group != 0 && !member {
			continue
		}
		agents = append(agents, a)
	}
	scheduled := func(from, to int64) int64 { // seconds of schedule inside [from, to)
		var total int64
		for d := time.Unix(from, 0).UTC().Truncate(24 * time.Hour); d.Unix() < to; d = d.AddDate(0, 0, 1) {
			day := weekdays[d.Weekday()]
			for _, a := range agents {
				for _, s := range a.WorkScheduler.Schedule {
					if !s.Enabled || s.Day != day {
						continue
					}
					st, err1 := time.Parse("15:04", s.Start)
					en, err2 := time.Parse("15:04", s.End)
					if err1 != nil || err2 != nil {
						continue
					}
					lo := max(d.Unix()+int64(st.Hour()*3600+st.Minute()*60), from)
					hi := min(d.Unix()+int64(en.Hour()*3600+en.Minute()*60), to)
					if hi > lo {
						total += hi - lo
					}
				}
			}
		}
		return total
	}
	return q.perBucket(func(b reportPeriod) map[string]any {
		secs := scheduled(b.from, b.to)
		if q.groupBy == "hour" {
			return map[string]any{"minutes": legacyRound2(float64(secs) / 60)}
		}
		return map[string]any{"hours": legacyRound2(float64(secs) / 3600)}
	}), nil
}
