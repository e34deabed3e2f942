package workshop_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment/workshop"
	"github.com/digilead/digilead/assessment/workshop/workshoptest"
	"github.com/digilead/digilead/questions"
)

// BenchmarkSessions has n participants answer the default bank at once,
// server and clients in one process, each reading for 1 s on average
// before each answer. It reports the server's own key-to-frame time (from
// reading a key to writing the screen that followed) and the clients'
// (from writing the key to reading that screen, SSH and the clients' work
// on the same cores included). Profiles come from here
// (-cpuprofile); the command's BenchmarkWorkshop measures the server as a
// process, with its memory.
func BenchmarkSessions(b *testing.B) {
	bank := questions.Default()
	for _, n := range []int{50, 100, 200} {
		b.Run(fmt.Sprintf("participants=%d", n), func(b *testing.B) {
			var mu sync.Mutex
			var server, client []time.Duration
			for range b.N {
				s := start(b, func(c *workshop.Config) {
					c.MaxParticipants = n
					c.OnFrame = func(d time.Duration) { mu.Lock(); server = append(server, d); mu.Unlock() }
				})
				var wg sync.WaitGroup
				for i := range n {
					wg.Add(1)
					go func() {
						defer wg.Done()
						p, err := workshoptest.Join(s.addr, "b", code, workshoptest.Options{Think: time.Second})
						if err != nil {
							b.Error(err)
							return
						}
						defer p.Close()
						if _, err := p.Welcome(fmt.Sprint(i), wait); err != nil {
							b.Error(err)
							return
						}
						for pg := 1; pg <= len(workshoptest.Pages(bank)); pg++ {
							if err := p.AnswerPage(bank, pg, nil, wait); err != nil {
								b.Error(err)
								return
							}
						}
						mu.Lock()
						client = append(client, p.Delays()...)
						mu.Unlock()
					}()
				}
				wg.Wait()
			}
			percentiles(b, server, "server")
			percentiles(b, client, "client")
		})
	}
}

// percentiles reports the median and 99th percentile of ds in milliseconds.
func percentiles(b *testing.B, ds []time.Duration, who string) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	q := func(p float64) float64 { return float64(ds[int(p*float64(len(ds)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.5), who+"-p50-ms")
	b.ReportMetric(q(0.99), who+"-p99-ms")
}
