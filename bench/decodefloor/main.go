// Command decodefloor is a baseline of bench/run: it decodes JSON Lines
// (a file, or stdin) with encoding/json into any, one value at a time on
// one goroutine, and prints how many it read. It is the least any program
// that reads those lines with the standard library must pay.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	in := io.Reader(os.Stdin)
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "decodefloor:", err)
			os.Exit(1)
		}
		defer f.Close()
		in = f
	}
	dec := json.NewDecoder(bufio.NewReaderSize(in, 1<<16))
	n := 0
	for {
		var v any
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "decodefloor: value %d: %v\n", n+1, err)
			os.Exit(1)
		}
		n++
	}
	fmt.Println(n)
}
