// Command abtime times two commands side by side for bench/run: it runs
// them alternately, so that load from other work on the machine falls on
// both alike, and prints the fastest wall time of each in seconds:
//
//	abtime [-runs N] [-warmup W] [-mem] 'COMMAND A' 'COMMAND B'
//
// With -mem it prints after the two times each command's peak resident
// memory in KiB, the most of any of its runs (a shell's includes the
// commands it ran).
//
// A command is run directly (split at spaces), or with sh -c when it
// redirects, pipes or quotes; its output is discarded. It fails if a
// command fails.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("runs", 10, "timed runs of each command")
	warmup := flag.Int("warmup", 2, "untimed runs of each command first")
	mem := flag.Bool("mem", false, "print each command's peak resident memory (KiB) too")
	flag.Parse()
	if flag.NArg() != 2 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: abtime [-runs N] [-warmup W] 'COMMAND A' 'COMMAND B'")
		os.Exit(2)
	}
	cmds := flag.Args()
	times := make([][]time.Duration, len(cmds))
	peaks := make([]int64, len(cmds))
	for i := 0; i < *warmup+*runs; i++ {
		for c, line := range cmds {
			d, peak, err := timeOne(line)
			peaks[c] = max(peaks[c], peak)
			if err != nil {
				fmt.Fprintf(os.Stderr, "abtime: %s: %v\n", line, err)
				os.Exit(1)
			}
			if i >= *warmup {
				times[c] = append(times[c], d)
			}
		}
	}
	for c, ts := range times {
		slices.Sort(ts)
		fmt.Fprintf(os.Stderr, "abtime: %s: fastest %v, median %v of %d\n", cmds[c], ts[0], ts[len(ts)/2], len(ts))
		if c > 0 {
			fmt.Print(" ")
		}
		fmt.Printf("%.6f", ts[0].Seconds())
	}
	if *mem {
		fmt.Printf(" %d %d", peaks[0], peaks[1])
	}
	fmt.Println()
}

// timeOne runs a command line and returns its wall time and peak
// resident memory in KiB (0 where the system does not say).
func timeOne(line string) (time.Duration, int64, error) {
	args := []string{"sh", "-c", line}
	if !strings.ContainsAny(line, "<>|;&$'\"\\") {
		args = strings.Fields(line)
	}
	cmd := exec.Command(args[0], args[1:]...)
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	var peak int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peak = int64(ru.Maxrss)
	}
	return d, peak, err
}
