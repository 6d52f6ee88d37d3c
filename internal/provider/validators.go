package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // time zones validate the same way on machines without a zoneinfo database
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Plan-time checks of strings and schedules that the framework's validators do not offer.

// stringRule is a plan-time check of a configured string that no framework validator offers.
type stringRule struct {
	summary, description string
	ok                   func(string) bool
}

func (r stringRule) Description(context.Context) string             { return r.description }
func (r stringRule) MarkdownDescription(ctx context.Context) string { return r.description }
func (r stringRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if s := req.ConfigValue.ValueString(); !r.ok(s) {
		resp.Diagnostics.AddAttributeError(req.Path, r.summary, fmt.Sprintf("%s %s; got %q.", req.Path, r.description, s))
	}
}

var (
	// notBlank refuses a string that is empty or only white space (Unicode white space, so
	// that "\u3000" is blank too).
	notBlank = stringRule{summary: "Blank value", description: "must not be empty or blank",
		ok: func(s string) bool { return strings.TrimFunc(s, unicode.IsSpace) != "" }}

	// tagName refuses white space around a tag name and control characters in it: agents
	// pick tags by name in the LiveChat app, where neither can be seen or typed. "" is the
	// length validator's.
	tagName = stringRule{summary: "Invalid tag name", description: "must be a tag name without leading or trailing spaces or control characters",
		ok: func(s string) bool {
			return strings.TrimFunc(s, unicode.IsSpace) == s && strings.IndexFunc(s, unicode.IsControl) < 0
		}}

	// ianaTimeZone refuses a name that is not in the IANA time zone database, which the
	// provider embeds, so that the check does not depend on the machine's zoneinfo. "Local" is
	// Go's name for the machine's zone, not an IANA name; "" is the length validator's.
	ianaTimeZone = stringRule{summary: "Unknown time zone", description: "must be a time zone of the IANA database, e.g. Europe/Warsaw",
		ok: func(tz string) bool {
			_, err := time.LoadLocation(tz)
			return tz == "" || (err == nil && tz != "Local")
		}}
)

// scheduleSpans refuses work_scheduler spans that do not end after they start, and spans of
// one day that overlap (spans that touch, 08:00-12:00 and 12:00-16:00, are fine).
type scheduleSpans struct{}

func (scheduleSpans) Description(context.Context) string {
	return "each span must end after it starts, and the spans of one day must not overlap"
}
func (v scheduleSpans) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }
func (scheduleSpans) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if !known(req.ConfigValue) {
		return
	}
	type span struct{ day, start, end string }
	var spans []span
	for _, e := range req.ConfigValue.Elements() {
		o, ok := e.(types.Object)
		if !ok || !known(o) {
			continue
		}
		var s span
		for name, dst := range map[string]*string{"day": &s.day, "start": &s.start, "end": &s.end} {
			v, ok := o.Attributes()[name].(types.String)
			if ok && known(v) {
				*dst = v.ValueString()
			}
		}
		// Times in HH:MM compare as strings; malformed ones are the HH:MM validator's.
		if s.day == "" || !hhmmPattern.MatchString(s.start) || !hhmmPattern.MatchString(s.end) {
			continue
		}
		if s.end <= s.start {
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid working hours",
				fmt.Sprintf("%s: the %s span %s-%s must end after it starts; a span covers part of one day (split a span over midnight in two).", req.Path, s.day, s.start, s.end))
			continue
		}
		spans = append(spans, s)
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].day != spans[j].day {
			return spans[i].day < spans[j].day
		}
		return spans[i].start < spans[j].start
	})
	for i := 1; i < len(spans); i++ {
		a, b := spans[i-1], spans[i]
		if a.day == b.day && b.start < a.end {
			resp.Diagnostics.AddAttributeError(req.Path, "Overlapping working hours",
				fmt.Sprintf("%s: the %s spans %s-%s and %s-%s overlap; merge them into one span.", req.Path, a.day, a.start, a.end, b.start, b.end))
		}
	}
}

// durationValidator checks a Go duration string: positive, or also zero when zeroAllowed.
type durationValidator struct{ zeroAllowed bool }

func (v durationValidator) Description(context.Context) string {
	if v.zeroAllowed {
		return "must be a Go duration such as 0s, 30s or 5m"
	}
	return "must be a Go duration such as 30s or 5m"
}
func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }
func (v durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	switch {
	case v.zeroAllowed && (err != nil || d < 0):
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("%s is %q, not a Go duration of 0 or more; use a value such as 0s, 30s or 2m.", req.Path, req.ConfigValue.ValueString()))
	case !v.zeroAllowed && (err != nil || d <= 0):
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("%s is %q, not a positive Go duration; use a value such as 30s, 2m or 1h.", req.Path, req.ConfigValue.ValueString()))
	}
}
