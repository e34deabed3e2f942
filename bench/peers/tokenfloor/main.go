// Command tokenfloor is a floor of bench/run: it reads JSON Lines and
// tokenises (parses and validates) every line with a fast JSON parser,
// doing nothing with the values, on every CPU, and prints the number of
// lines. What no program reading the same lines can beat by much.
//
//	tokenfloor read FILE       only read the file, sequentially, in 1 MiB blocks
//	tokenfloor simdjson FILE   minio/simdjson-go (SIMD; needs AVX2), ParseND on chunks of lines
//	tokenfloor fastjson FILE   valyala/fastjson, a hand-written scanner, line by line
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/minio/simdjson-go"
	"github.com/valyala/fastjson"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: tokenfloor read|simdjson|fastjson FILE")
		os.Exit(2)
	}
	n, err := run(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "tokenfloor:", err)
		os.Exit(1)
	}
	fmt.Println(n)
}

// chunk is how much input a worker takes at a time, cut at a line end.
const chunk = 1 << 20

func run(impl, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if impl == "read" {
		buf := make([]byte, chunk)
		n := 0
		for {
			k, err := f.Read(buf)
			n += bytes.Count(buf[:k], []byte("\n"))
			if err == io.EOF {
				return n, nil
			}
			if err != nil {
				return n, err
			}
		}
	}
	var parse func(data []byte, state *any) (int, error)
	switch impl {
	case "simdjson":
		if !simdjson.SupportedCPU() {
			return 0, fmt.Errorf("simdjson-go needs AVX2")
		}
		parse = func(data []byte, state *any) (int, error) {
			pj, _ := (*state).(*simdjson.ParsedJson)
			pj, err := simdjson.ParseND(data, pj)
			*state = pj
			if err != nil {
				return 0, err
			}
			return bytes.Count(data, []byte("\n")), nil
		}
	case "fastjson":
		parse = func(data []byte, state *any) (int, error) {
			p, _ := (*state).(*fastjson.Parser)
			if p == nil {
				p = &fastjson.Parser{}
				*state = p
			}
			n := 0
			for len(data) > 0 {
				line := data
				if i := bytes.IndexByte(data, '\n'); i >= 0 {
					line, data = data[:i], data[i+1:]
				} else {
					data = nil
				}
				if _, err := p.ParseBytes(line); err != nil {
					return n, err
				}
				n++
			}
			return n, nil
		}
	default:
		return 0, fmt.Errorf("unknown tokeniser %q", impl)
	}
	// One reader cuts the input into chunks of whole lines; the workers
	// parse them.
	work := make(chan []byte, 2*runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	var mu sync.Mutex
	total, firstErr := 0, error(nil)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var state any
			for data := range work {
				n, err := parse(data, &state)
				mu.Lock()
				total += n
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
	br := bufio.NewReaderSize(f, chunk)
	var rest []byte
	for {
		buf := make([]byte, chunk)
		k, err := io.ReadFull(br, buf)
		data := append(rest, buf[:k]...)
		rest = nil
		if i := bytes.LastIndexByte(data, '\n'); i >= 0 && err == nil {
			rest = append([]byte(nil), data[i+1:]...)
			data = data[:i+1]
		}
		if len(data) > 0 {
			work <- data
		}
		if err != nil {
			break
		}
	}
	close(work)
	wg.Wait()
	return total, firstErr
}
