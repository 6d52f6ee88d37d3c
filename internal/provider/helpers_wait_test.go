package provider

import (
	"context"
	"net/http"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// A new object that shows only from the third poll on: its wait reads the object once, then
// only the list until the list has it, then the object again.
func TestShownOnceListed_ReadsTheObjectOnlyOnceListed(t *testing.T) {
	polls, gets, lists := 0, 0, 0
	notFound := &client.APIError{Status: http.StatusNotFound, Type: client.ErrTypeNotFound, Message: "bot not found"}
	visible := func() bool { return polls >= 3 }
	check := shownOnceListed(func(context.Context) (string, error) {
		gets++
		if !visible() {
			return "", notFound
		}
		return "v", nil
	}, func(v string) bool { return v == "v" }, func(context.Context) (bool, error) {
		lists++
		return visible(), nil
	})
	var got string
	for done := false; !done; {
		polls++
		var err error
		if got, done, err = check(t.Context()); err != nil {
			t.Fatal(err)
		}
		if polls > 10 {
			t.Fatal("never shown")
		}
	}
	if got != "v" || polls != 3 || gets != 2 || lists != 2 {
		t.Errorf("got %q after %d polls, %d gets and %d lists; want \"v\" after 3 polls, 2 gets (the first poll and once listed) and 2 lists", got, polls, gets, lists)
	}
}

// An object that answers (an update not shown yet) is read again at each poll; the list is
// never asked.
func TestShownOnceListed_AnAnsweringObjectIsReadEachPoll(t *testing.T) {
	gets, lists := 0, 0
	check := shownOnceListed(func(context.Context) (int, error) {
		gets++
		return gets, nil
	}, func(v int) bool { return v == 3 }, func(context.Context) (bool, error) {
		lists++
		return true, nil
	})
	for i := 1; i <= 3; i++ {
		if _, done, err := check(t.Context()); err != nil || done != (i == 3) {
			t.Fatalf("poll %d: done %v, %v", i, done, err)
		}
	}
	if gets != 3 || lists != 0 {
		t.Errorf("%d gets and %d lists; want 3 gets and no list", gets, lists)
	}
}
