package workshop_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/digilead/digilead/assessment/workshop/workshoptest"
	"github.com/digilead/digilead/questions"
)

// BenchmarkSessions has n participants answer the default bank at once,
// server and clients in one process (for profiles; the command's
// BenchmarkWorkshop measures the server as a process).
func BenchmarkSessions(b *testing.B) {
	bank := questions.Default()
	for _, n := range []int{10, 50} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for range b.N {
				s := start(b, nil)
				var wg sync.WaitGroup
				for i := range n {
					wg.Add(1)
					go func() {
						defer wg.Done()
						p, err := workshoptest.Join(s.addr, "b", code, workshoptest.Options{})
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
					}()
				}
				wg.Wait()
			}
		})
	}
}
