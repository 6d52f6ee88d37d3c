package emulator

import (
	"net/mail"
	"regexp"
	"time"
	_ "time/tzdata" // time zones are validated the same way on machines without zoneinfo
)

// Documented enums and limits shared by the API families.
var (
	creatableRoles = []string{"viceowner", "administrator", "normal"}
	allRoles       = []string{"owner", "viceowner", "administrator", "normal"}
	loginStatuses  = []string{"accepting chats", "not accepting chats"}
	priorities     = []string{"first", "normal", "last", "supervisor"}
	notifications  = []string{
		"new_visitor", "incoming_chat", "returning_visitor", "queued_visitor", "visitor_is_typing",
		"new_goal", "unassigned_chats", "unassigned_chat_messages", "ticket", "inactive_notifications",
		"mute_all_sounds", "repeat_sound_notifications", "ticket_notifications",
		"incoming_message_for_focused_chat",
	}
	emailSubscriptions = []string{"daily_summary", "weekly_summary"}
	weekdays           = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
)

const (
	maxChatsCountLimit = 20 // "Maximum: 20" on Create and Update Agent (today's reference; see API-NOTES.md)
	maxGroupNameLength = 180
)

var (
	hhmm         = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
	languageCode = regexp.MustCompile(`^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$`)
)

// validEmail reports whether s is a bare e-mail address (agent ids are e-mails).
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Name == "" && a.Address == s
}

// validTimezone reports whether tz is an IANA time zone name.
func validTimezone(tz string) bool {
	if tz == "" || tz == "Local" {
		return false
	}
	_, err := time.LoadLocation(tz)
	return err == nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func weekdayIndex(day string) int {
	for i, d := range weekdays {
		if d == day {
			return i
		}
	}
	return len(weekdays)
}
