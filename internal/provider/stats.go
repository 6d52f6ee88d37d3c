package provider

import (
	"sync"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// runClients are the clients this provider process configured, so the
// process can report what it sent (benchmarks, soak runs).
var runClients struct {
	sync.Mutex
	list []*client.Client
}

func trackClient(c *client.Client) {
	runClients.Lock()
	runClients.list = append(runClients.list, c)
	runClients.Unlock()
}

// RunStats sums the counters of every client of this process.
func RunStats() client.Stats {
	runClients.Lock()
	defer runClients.Unlock()
	var total client.Stats
	for _, c := range runClients.list {
		total = total.Add(c.Stats())
	}
	return total
}
