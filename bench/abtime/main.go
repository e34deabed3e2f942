// Command abtime times two commands side by side for bench/run: it runs
// them alternately, so that load from other work on the machine falls on
// both alike, and prints the fastest wall time of each in seconds:
//
//	abtime [-runs N] [-warmup W] 'COMMAND A' 'COMMAND B'
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
	"time"
)

func main() {
	runs := flag.Int("runs", 10, "timed runs of each command")
	warmup := flag.Int("warmup", 2, "untimed runs of each command first")
	flag.Parse()
	if flag.NArg() != 2 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: abtime [-runs N] [-warmup W] 'COMMAND A' 'COMMAND B'")
		os.Exit(2)
	}
	cmds := flag.Args()
	times := make([][]time.Duration, len(cmds))
	for i := 0; i < *warmup+*runs; i++ {
		for c, line := range cmds {
			d, err := timeOne(line)
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
	fmt.Println()
}

func timeOne(line string) (time.Duration, error) {
	args := []string{"sh", "-c", line}
	if !strings.ContainsAny(line, "<>|;&$'\"\\") {
		args = strings.Fields(line)
	}
	cmd := exec.Command(args[0], args[1:]...)
	start := time.Now()
	err := cmd.Run()
	return time.Since(start), err
}
