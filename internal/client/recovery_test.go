package client

import (
	"testing"
	"time"
)

// What a client created is recent for the propagation window: a write naming it may wait for it;
// an id it did not create, or created longer ago, has nothing to wait for.
func TestCreatedRecently(t *testing.T) {
	c, err := New(Config{APIURL: "https://created.example.com", AccessToken: "dal:t", RecoverWindow: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	short, _ := New(Config{APIURL: "https://created.example.com", AccessToken: "dal:t", RecoverWindow: time.Nanosecond})
	c.Claim("groups", "42")
	short.Claim("groups", "42")
	switch {
	case !c.CreatedRecently("groups", "42"):
		t.Error("a group created a moment ago is not recent")
	case c.CreatedRecently("groups", "99999"), c.CreatedRecently("agents", "42"):
		t.Error("an id this client did not create is recent")
	case short.CreatedRecently("groups", "42"):
		t.Error("a group older than the propagation window is recent")
	}
}
