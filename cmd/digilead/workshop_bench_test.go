package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment/workshop/workshoptest"
	"github.com/digilead/digilead/questions"
)

// BenchmarkWorkshop runs `digilead workshop serve` as a process and has
// 50, 100 and 200 participants answer the default bank at once over SSH
// on loopback, each reading for 0 to 2 s (1 s on average) before each
// answer, as a quick reader would. It reports the time from a key press
// to the next frame (p50, p99) and the server's peak resident memory, in
// all and per participant (docs/performance.md). The clients run on the
// same 2 cores as the server.
func BenchmarkWorkshop(b *testing.B) {
	for _, n := range []int{50, 100, 200} {
		b.Run(fmt.Sprintf("participants=%d", n), func(b *testing.B) {
			for range b.N {
				benchWorkshop(b, n)
			}
		})
	}
}

func benchWorkshop(b *testing.B, n int) {
	bank := questions.Default()
	dir := filepath.Join(b.TempDir(), "results")
	env := map[string]string{"PATH": os.Getenv("PATH"), "HOME": b.TempDir(), "XDG_DATA_HOME": b.TempDir()}
	s := startBenchServer(b, dir, env, strconv.Itoa(n))
	var mu sync.Mutex
	var delays []time.Duration
	var wg sync.WaitGroup
	errs := make(chan error, n)
	start := time.Now()
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := workshoptest.Join(s.addr, "bench", workshopCode, workshoptest.Options{Think: time.Second})
			if err != nil {
				errs <- err
				return
			}
			defer p.Close()
			if _, err := participate(p, bank, fmt.Sprintf("B%03d", i), 1, len(workshoptest.Pages(bank)), nil); err != nil {
				errs <- err
				return
			}
			if err := leaveReport(p); err != nil {
				errs <- err
				return
			}
			mu.Lock()
			delays = append(delays, p.Delays()...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	elapsed := time.Since(start)
	peak := peakRSS(s.cmd.Process.Pid)
	cpu := cpuTime(s.cmd.Process.Pid)
	s.cmd.Process.Signal(syscall.SIGTERM)
	<-s.closed
	s.cmd.Wait()
	slices.Sort(delays)
	q := func(p float64) float64 { return float64(delays[int(p*float64(len(delays)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.5), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
	b.ReportMetric(float64(peak)/(1<<20)/float64(n), "MiB/participant")
	b.ReportMetric(elapsed.Seconds(), "s/workshop")
	b.ReportMetric(cpu.Seconds()/elapsed.Seconds(), "server-cores")
}

// startBenchServer starts the server for a benchmark.
func startBenchServer(b *testing.B, dir string, env map[string]string, max string) *workshopServer {
	s, _ := serveWorkshopTB(b, dir, env, "--max-participants", max)
	return s
}

// peakRSS is a process's peak resident memory (VmHWM), in bytes.
func peakRSS(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// cpuTime is the CPU time a process has used (user and system).
func cpuTime(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command name (in parentheses): utime and stime
	// are the 12th and 13th, in clock ticks (100 a second on Linux).
	f := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+st) * 10 * time.Millisecond
}
