package questions

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/digilead/digilead/questions/ctxwait"
	"github.com/digilead/digilead/questions/errtext"
)

// Limits on bank input.
const (
	// MaxFileSize is the largest bank file (or answers file) read.
	MaxFileSize = 10 << 20
	// MaxQuestions is the most questions a bank may hold.
	MaxQuestions = 20000
	// maxNodes bounds the YAML nodes visited per file, aliases expanded, so
	// an alias bomb is refused instead of eating memory and time.
	maxNodes = 2_000_000
	// maxAliasNodes bounds the nodes that aliases (*name) expand to per
	// file: enough to share an option list across thousands of questions,
	// and a bomb is refused after a few milliseconds.
	maxAliasNodes = 100_000
	// maxAliasBytes bounds the text (the bytes of scalars) that aliases
	// expand to per file: as much as maxAliasNodes of short texts, so a
	// long text shared a few hundred times (an anchor of 1 MB, *name 200
	// times: 200 MB in a translation or a report) is refused.
	maxAliasBytes = 4 << 20
)

// lazyRegexp is a pattern compiled on first use, not at start-up:
// `digilead version` and --help never need the patterns. A package
// variable &lazyRegexp{expr: …} is laid out by the compiler: nothing runs
// or is allocated at start-up.
type lazyRegexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}

// File is one source file of a bank.
type File struct {
	Name string
	Data []byte
}

// Load reads a bank from a YAML file, or from a directory whose *.yaml and
// *.yml files are merged in lexical order.
func Load(path string) (*Bank, error) {
	files, err := readAll(context.Background(), path)
	if err != nil {
		return nil, err
	}
	b, err := Parse(files...)
	if b != nil {
		b.Source = path
	}
	return b, err
}

// Paths lists the files a bank at path is made of, in load order: path
// itself, or a directory's *.yaml and *.yml files in lexical order.
func Paths(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("bank %s: %w", path, errtext.WithoutPath(err))
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("bank %s: %w", path, errtext.WithoutPath(err))
	}
	var paths []string
	var odd Problems
	for _, e := range entries {
		if ext := strings.ToLower(filepath.Ext(e.Name())); !e.IsDir() && (ext == ".yaml" || ext == ".yml") {
			p := filepath.Join(path, e.Name())
			if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
				// A FIFO or device would hang the reader or never end.
				odd = append(odd, Problem{Pos: Pos{File: p}, Msg: "not a regular file; a bank is made of regular files"})
				continue
			}
			paths = append(paths, p)
		}
	}
	if len(odd) > 0 {
		return nil, odd
	}
	if len(paths) == 0 {
		return nil, Problems{{Pos: Pos{File: path}, Msg: "directory holds no *.yaml or *.yml files; pass a bank file or a directory of them"}}
	}
	return paths, nil
}

// readFile reads the bank file at path (see readInterruptibly).
func readFile(ctx context.Context, path string) (File, error) {
	return readInterruptibly(ctx, path, readFileNow)
}

// readInterruptibly reads the file at path with read, stopping with ctx's
// error as soon as ctx is done. A file that is not a regular one (a FIFO,
// <(…), /dev/stdin) is read in a goroutine, left behind when ctx is done:
// opening a FIFO waits for a writer, and neither that wait nor a read of
// a silent pipe is woken by a signal.
func readInterruptibly(ctx context.Context, path string, read func(string) (File, error)) (File, error) {
	if err := ctx.Err(); err != nil {
		return File{}, err
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().IsRegular() {
		return read(path)
	}
	return ctxwait.Wait(ctx, func() (File, error) { return read(path) })
}

// readFileNow reads the bank file at path, waiting as long as it takes.
func readFileNow(path string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, fmt.Errorf("bank %s: %w", path, errtext.WithoutPath(err))
	}
	defer f.Close()
	data, err := ReadLimited(f, MaxFileSize)
	if errors.Is(err, ErrTooLarge) {
		return File{}, Problems{{Pos: Pos{File: path}, Msg: fmt.Sprintf("file is larger than the %d MiB limit; split the bank into a directory of smaller files", MaxFileSize>>20)}}
	}
	if err != nil {
		return File{}, fmt.Errorf("bank %s: %w", path, err)
	}
	return File{Name: path, Data: data}, nil
}

// ErrTooLarge is returned by ReadLimited for input over the limit.
var ErrTooLarge = errors.New("input too large")

// ReadLimited reads all of r, refusing more than limit bytes.
// Its buffer is sized from r's size when r knows it (a file's Stat, a
// Size method: a hint only), instead of growing from 512 bytes as
// io.ReadAll's does: each size it grows through is another allocation,
// and on a command's first read another page of memory.
func ReadLimited(r io.Reader, limit int64) ([]byte, error) {
	data := make([]byte, 0, 512)
	if n := sizeHint(r); n > 0 && n <= limit {
		data = make([]byte, 0, n+1) // +1: EOF is seen without growing
	}
	lr := io.LimitReader(r, limit+1)
	for {
		n, err := lr.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	if int64(len(data)) > limit {
		return nil, ErrTooLarge
	}
	return data, nil
}

// sizeHint is how many bytes r likely holds, or 0 when it cannot tell.
func sizeHint(r io.Reader) int64 {
	switch r := r.(type) {
	case interface{ Size() int64 }:
		return r.Size()
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := r.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size()
		}
	}
	return 0
}

// Parse decodes and validates a bank from one or more files, merged in the
// order given. Translation files among them (see IsTranslation) are left
// out: they are not part of the bank, nor of its digest. Every problem
// found is reported, as Problems.
func Parse(files ...File) (*Bank, error) {
	files, err := bankOnly(files)
	if err != nil {
		return nil, err
	}
	var probs Problems
	var parts []*rawBank
	h := sha256.New()
	for _, f := range files {
		if len(files) > 1 {
			io.WriteString(h, filepath.Base(f.Name))
			h.Write([]byte{0})
		}
		h.Write(f.Data)
		if len(files) > 1 {
			h.Write([]byte{0})
		}
		if len(f.Data) > MaxFileSize {
			probs.add(Pos{File: f.Name}, "", "file is larger than the %d MiB limit; split the bank into a directory of smaller files", MaxFileSize>>20)
			continue
		}
		if rb := decodeFile(f, &probs); rb != nil {
			parts = append(parts, rb)
		}
	}
	if len(probs) > 0 && len(parts) == 0 {
		return nil, probs
	}
	b := merge(parts, files, &probs)
	if b == nil {
		return nil, probs.err()
	}
	b.Digest = "sha256:" + hex.EncodeToString(h.Sum(nil))
	if len(files) == 1 {
		b.Source = files[0].Name
	}
	validate(b, parts, &probs)
	if len(probs) > 0 {
		sortProblems(probs)
		return nil, probs
	}
	b.index()
	return b, nil
}

// bankOnly leaves the translation files out of files; it is an error when
// they are all translations.
func bankOnly(files []File) ([]File, error) {
	for _, f := range files {
		if IsCatalogue(f.Data) {
			return nil, Problems{{Pos: Pos{File: f.Name}, Field: "schema", Msg: "this is a catalogue (" + CatalogueSchema + "), not a bank; give it as the catalogue, and the bank it is for as the bank"}}
		}
	}
	if !slices.ContainsFunc(files, func(f File) bool { return IsTranslation(f.Data) }) {
		return files, nil
	}
	var out []File
	for _, f := range files {
		if !IsTranslation(f.Data) {
			out = append(out, f)
		}
	}
	if out == nil {
		return nil, Problems{{Pos: Pos{File: files[0].Name}, Field: "schema", Msg: "this is a translation (" + TranslationSchema + "), not a bank; give it beside its bank"}}
	}
	return out, nil
}

func sortProblems(ps Problems) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if a.Pos.File != b.Pos.File {
			return 0 // keep file order
		}
		return cmp.Compare(a.Pos.Line, b.Pos.Line)
	})
}

// merge combines the files' parts: exactly one carries the header.
func merge(parts []*rawBank, files []File, probs *Problems) *Bank {
	var head *rawBank
	for _, p := range parts {
		if len(p.header) == 0 {
			continue
		}
		if head != nil {
			field, pos := firstHeader(p)
			probs.add(pos, field, "header fields are also set in %s; exactly one file of a bank carries schema, id, title and version", head.file)
			continue
		}
		head = p
	}
	if head == nil {
		if len(parts) > 0 {
			name := files[0].Name
			if len(files) > 1 {
				name = filepath.Dir(files[0].Name)
			}
			probs.add(Pos{File: name}, "schema", "missing; a bank starts with schema: %s, id, title and version", Schema)
		}
		return nil
	}
	b := head.bank
	if !head.minCovSet {
		b.MinCoverage = DefaultMinCoverage
	}
	if !head.scaleSet {
		b.Scale = Scale{Min: 1, Max: 5}
	}
	b.Tiers, b.Dimensions, b.Questions = nil, nil, nil
	for _, p := range parts {
		for _, t := range p.tiers {
			b.Tiers = append(b.Tiers, t.Tier)
		}
		for _, dm := range p.dims {
			b.Dimensions = append(b.Dimensions, dm.Dimension)
		}
		for _, q := range p.questions {
			b.Questions = append(b.Questions, q.Question)
		}
	}
	return &b
}

func firstHeader(p *rawBank) (string, Pos) {
	for _, f := range headerFields {
		if pos, ok := p.header[f]; ok {
			return f, pos
		}
	}
	return "", Pos{File: p.file}
}

// Unread lists the subdirectories of a bank directory that hold *.yaml or
// *.yml files: a bank directory is its own files (see Paths), so theirs
// are not read, and the command says so rather than let questions
// silently vanish. Hidden directories (.git) are left out; so is
// anything for a path that is not a directory.
func Unread(path string) []string {
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil
	}
	var dirs []string
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		sub := filepath.Join(path, e.Name())
		files, _ := os.ReadDir(sub)
		if slices.ContainsFunc(files, func(f os.DirEntry) bool {
			ext := strings.ToLower(filepath.Ext(f.Name()))
			return ext == ".yaml" || ext == ".yml"
		}) {
			dirs = append(dirs, sub)
		}
	}
	return dirs
}

// UnreadNote says that dir, a subdirectory of a bank directory, is not
// read (see Unread).
func UnreadNote(dir string) string {
	return fmt.Sprintf("%s: not read: a bank directory is its own *.yaml and *.yml files, not its subdirectories'; move bank files up beside the others (translations there can be given with --translations %s)", dir, dir)
}
