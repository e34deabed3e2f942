package form

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/charmbracelet/huh"
)

// runAccessible asks with huh's accessible mode: plain text, numbered
// choices, one line of input per answer. The form runs in a goroutine so
// that an interrupt or the end of input stops it even while it waits for a
// line.
func (q *questionnaire) runAccessible(ctx context.Context) error {
	in := newLineReader(q.opts.In)
	done := make(chan error, 1)
	go func() { done <- q.askAccessible(in) }()
	select {
	case err := <-done:
		return err
	case <-in.eof:
		return ErrInterrupted
	case <-ctx.Done():
		return ErrInterrupted
	}
}

// askAccessible asks page after page, printing each page's heading itself
// (huh prints only the fields) and asking after each page whether to go
// on or back.
func (q *questionnaire) askAccessible(in io.Reader) error {
	w := q.opts.Out
	for i := q.start(); ; {
		q.printHeading(w, i)
		f := huh.NewForm(q.group(i)).WithTheme(q.theme).WithAccessible(true).WithInput(in).WithOutput(w)
		if err := f.Run(); err != nil {
			return fmt.Errorf("questionnaire: %w", err)
		}
		if err := q.leave(i, i+1); err != nil {
			return err
		}
		next := i + 1
		if i > 0 && askBack(w, in, i, i == q.last()) {
			next = i - 1
		}
		if next > q.last() {
			return nil
		}
		i = next
	}
}

// printHeading writes where the person is and what the page is about.
func (q *questionnaire) printHeading(w io.Writer, i int) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, q.progress(i))
	if i == 0 {
		fmt.Fprintln(w, q.bank.Title+".")
		fmt.Fprintln(w, q.intro())
	} else {
		p := q.pages[i-1]
		fmt.Fprintln(w, p.dim.Name+".")
		if p.dim.Description != "" {
			fmt.Fprintln(w, p.dim.Description)
		}
	}
	fmt.Fprintln(w)
}

// askBack asks whether to go on (Enter) or back a page (b).
func askBack(w io.Writer, in io.Reader, page int, last bool) bool {
	on := "go to the next page"
	if last {
		on = "finish and see your report"
	}
	for {
		fmt.Fprintf(w, "Page %d is done. Press Enter to %s, or type b and Enter to go back to page %d: ", page, on, page-1)
		sc := bufio.NewScanner(in)
		if !sc.Scan() {
			return false
		}
		switch strings.ToLower(strings.TrimSpace(sc.Text())) {
		case "":
			return false
		case "b", "back":
			return true
		}
		fmt.Fprintln(w, "Please press Enter, or type b.")
	}
}

// lineReader hands out one byte per Read, so that each of the scanners huh
// makes (one per field) takes exactly one line, also from a pipe. At the
// end of input it closes eof and blocks: huh cannot tell the end of input
// from an empty answer, and would otherwise answer every remaining
// question with its default.
type lineReader struct {
	r    io.Reader
	eof  chan struct{}
	once sync.Once
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: r, eof: make(chan struct{})}
}

func (l *lineReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	n, err := l.r.Read(p[:1])
	if n > 0 {
		return n, nil
	}
	if err != nil {
		l.once.Do(func() { close(l.eof) })
		select {}
	}
	return 0, nil
}
