package questions

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"

	"github.com/digilead/digilead/questions/errtext"
)

// Set is a bank with its translations.
type Set struct {
	Bank *Bank
	// Translations are in the order loaded, one per language.
	Translations []*Translation
	// Warnings list what the translations leave untranslated or translate
	// from an earlier text of the bank.
	Warnings Problems

	// builtin is set for the built-in bank, whose own translations are
	// parsed only when one is needed (see Resolve).
	builtin bool

	mu sync.Mutex
	in map[string]*Bank
}

// Languages lists the languages the bank can be shown in: its own first,
// then its translations'.
func (s *Set) Languages() []string {
	tags := []string{BankLanguage(s.Bank)}
	for _, t := range s.Translations {
		tags = append(tags, t.Language)
	}
	if s.builtin {
		for _, f := range DefaultTranslationFiles() {
			if tag := fileLanguage(f.Data); !slices.Contains(tags, tag) {
				tags = append(tags, tag)
			}
		}
	}
	return tags
}

// Translation returns the translation into language tag, or nil.
func (s *Set) Translation(tag string) *Translation {
	for _, t := range s.Translations {
		if t.Language == tag {
			return t
		}
	}
	if s.builtin {
		for _, f := range DefaultTranslationFiles() {
			if fileLanguage(f.Data) == tag {
				t, _ := defaultTranslation(f)
				return t
			}
		}
	}
	return nil
}

// Resolve parses the built-in bank's translations that a set of the
// built-in bank has not needed yet, and adds them to Translations, so that
// every translation is checked (bank validate).
func (s *Set) Resolve() error {
	if !s.builtin {
		return nil
	}
	for _, f := range DefaultTranslationFiles() {
		t, err := defaultTranslation(f)
		if err != nil {
			return err
		}
		if s.Translation(t.Language) == t && !slices.Contains(s.Translations, t) {
			s.Translations = append(s.Translations, t)
		}
	}
	s.builtin = false
	return nil
}

// defaultTranslation parses one of the built-in bank's translations, once:
// only a translation that is needed is parsed.
func defaultTranslation(f File) (*Translation, error) {
	defaultMu.Lock()
	defer defaultMu.Unlock()
	if t, ok := defaultParsed[f.Name]; ok {
		return t, nil
	}
	t, _, err := ParseTranslation(f, Default())
	if err != nil {
		return nil, fmt.Errorf("the built-in bank's translation %s: %w", f.Name, err)
	}
	if defaultParsed == nil {
		defaultParsed = map[string]*Translation{}
	}
	defaultParsed[f.Name] = t
	return t, nil
}

var (
	defaultMu     sync.Mutex
	defaultParsed map[string]*Translation // made on first use
)

// fileLanguage is the language a translation file says it is in, read
// without parsing it: its language: line.
func fileLanguage(data []byte) string {
	for line := range bytes.Lines(data) {
		if rest, ok := bytes.CutPrefix(line, []byte("language:")); ok {
			v, _, _ := bytes.Cut(rest, []byte("#"))
			return string(bytes.Trim(bytes.TrimSpace(v), `"'`))
		}
	}
	return ""
}

// In returns the bank in language tag (one of Languages): the bank itself
// in its own language, else the bank translated (see Bank.Translated).
func (s *Set) In(tag string) *Bank {
	if tag == BankLanguage(s.Bank) {
		return s.Bank
	}
	t := s.Translation(tag)
	if t == nil {
		return s.Bank
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.in[tag]; ok {
		return b
	}
	if s.in == nil {
		s.in = map[string]*Bank{}
	}
	b := s.Bank.Translated(t)
	s.in[tag] = b
	return b
}

// The built-in bank's translations.
var (
	//go:embed default.cy.yaml
	defaultCy []byte
	//go:embed default.fr.yaml
	defaultFr []byte
)

// DefaultTranslationFiles are the built-in bank's translation files.
func DefaultTranslationFiles() []File {
	return []File{{Name: "default.cy.yaml", Data: defaultCy}, {Name: "default.fr.yaml", Data: defaultFr}}
}

// DefaultSet returns the built-in bank with its translations.
func DefaultSet() (*Set, error) { return LoadSet(nil, nil) }

// Source is what one path given holds, read once: a bank file, a bank
// directory's files (its translation files among them) or a translation
// file. A path is read once and only once, so a pipe (<(…), /dev/stdin)
// can be given as well as a file.
type Source struct {
	Path  string
	Files []File
}

// ReadSource reads path (see Paths), stopping with ctx's error as soon as
// ctx is done, even while opening or reading a FIFO.
func ReadSource(ctx context.Context, path string) (Source, error) {
	files, err := readAll(ctx, path)
	return Source{Path: path, Files: files}, err
}

// TranslationBank is the id of the bank the source says it translates
// (its bank: line; "" when it has none); ok is false when it is no
// translation file (a bank, a directory).
func (s Source) TranslationBank() (id string, ok bool) {
	if len(s.Files) != 1 || !IsTranslation(s.Files[0].Data) || s.Files[0].Name != s.Path {
		return "", false
	}
	id, _ = topValue(s.Files[0].Data, "bank")
	return id, true
}

// LoadSet loads a bank and its translations. Each path is a bank file, a
// bank directory (whose translation files come with it) or a translation
// file (recognised by its schema line, see IsTranslation); at most one of
// them is a bank. Without one, the bank is the built-in bank, with its
// own translations. dirs are directories of more translation files (other
// files in them are left alone). A file given for a language the set
// already has replaces that translation. Every problem of every file is
// reported, as Problems.
func LoadSet(paths, dirs []string) (*Set, error) {
	return LoadSetContext(context.Background(), paths, dirs)
}

// LoadSetContext is LoadSet, stopping with ctx's error as soon as ctx is
// done (see ReadSource).
func LoadSetContext(ctx context.Context, paths, dirs []string) (*Set, error) {
	srcs, err := readSources(ctx, paths)
	if err != nil {
		return nil, err
	}
	return LoadSources(ctx, srcs, dirs)
}

// readSources reads each path, once.
func readSources(ctx context.Context, paths []string) ([]Source, error) {
	srcs := make([]Source, len(paths))
	for i, p := range paths {
		var err error
		if srcs[i], err = ReadSource(ctx, p); err != nil {
			return nil, err
		}
	}
	return srcs, nil
}

// LoadSources is LoadSet of paths already read.
func LoadSources(ctx context.Context, srcs []Source, dirs []string) (*Set, error) {
	bankPath, bankFiles, trFiles, err := gather(ctx, srcs, dirs)
	if err != nil {
		return nil, err
	}
	s := &Set{builtin: bankPath == ""}
	if s.Bank, err = parseGathered(bankPath, bankFiles); err != nil {
		return nil, err
	}
	var probs Problems
	for _, f := range trFiles {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t, warnings, err := ParseTranslation(f, s.Bank)
		var ps Problems
		if errors.As(err, &ps) {
			probs = append(probs, ps...)
			continue
		} else if err != nil {
			return nil, err
		}
		if i := slices.IndexFunc(s.Translations, func(o *Translation) bool { return o.Language == t.Language }); i >= 0 {
			s.Translations[i] = t // a file given replaces the one it follows
			s.Warnings = slices.DeleteFunc(s.Warnings, func(p Problem) bool { return p.Pos.File == s.Translations[i].File })
		} else {
			s.Translations = append(s.Translations, t)
		}
		s.Warnings = append(s.Warnings, warnings...)
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return s, ctx.Err()
}

// parseGathered is the bank gather found at bankPath, from its files; the
// built-in bank when there is none.
func parseGathered(bankPath string, files []File) (*Bank, error) {
	if bankPath == "" {
		return Default(), nil
	}
	b, err := Parse(files...)
	if err != nil {
		return nil, err
	}
	b.Source = bankPath
	return b, nil
}

// gather sorts the files of srcs and reads those of dirs (see LoadSet):
// the one bank's path and files ("" and none when no source is a bank),
// and the translation files.
func gather(ctx context.Context, srcs []Source, dirs []string) (bankPath string, bankFiles, trFiles []File, err error) {
	for _, src := range srcs {
		var own []File
		for _, f := range src.Files {
			if IsTranslation(f.Data) {
				trFiles = append(trFiles, f)
			} else {
				own = append(own, f)
			}
		}
		if len(own) == 0 {
			continue
		}
		if bankPath != "" {
			return "", nil, nil, errtext.Invalidf("%s and %s are both banks; give one bank (a file or a directory) and any number of translation files", bankPath, src.Path)
		}
		bankPath, bankFiles = src.Path, own
	}
	for _, dir := range dirs {
		files, err := readDir(ctx, dir)
		if err != nil {
			return "", nil, nil, err
		}
		for _, f := range files {
			if IsTranslation(f.Data) {
				trFiles = append(trFiles, f)
			}
		}
	}
	return bankPath, bankFiles, trFiles, ctx.Err()
}

// readAll reads the YAML files at path: the file, or a directory's *.yaml
// and *.yml files in lexical order.
func readAll(ctx context.Context, path string) ([]File, error) {
	paths, err := Paths(path)
	if err != nil {
		return nil, err
	}
	files := make([]File, len(paths))
	for i, p := range paths {
		if files[i], err = readFile(ctx, p); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// readDir reads a directory of translation files given with
// --translations: its *.yaml and *.yml files.
func readDir(ctx context.Context, dir string) ([]File, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("translations %s: %w", dir, errtext.WithoutPath(err))
	}
	if !info.IsDir() {
		return nil, errtext.Invalidf("translations %s: not a directory; give a directory of translation files, or give a translation file beside the bank", dir)
	}
	return readAll(ctx, dir)
}

// LoadToTranslate loads what bank translate needs: the bank of paths (as
// LoadSet reads them; the built-in bank when none is a bank) and, when
// paths or dirs hold a translation into language tag, that translation,
// read loosely: the bank may have changed since it was made, so ids and
// lists the bank no longer has are kept for the merge, not refused.
func LoadToTranslate(ctx context.Context, paths, dirs []string, tag string) (*Bank, *Translation, error) {
	srcs, err := readSources(ctx, paths)
	if err != nil {
		return nil, nil, err
	}
	bankPath, bankFiles, trFiles, err := gather(ctx, srcs, dirs)
	if err != nil {
		return nil, nil, err
	}
	b, err := parseGathered(bankPath, bankFiles)
	if err != nil {
		return nil, nil, err
	}
	if bankPath == "" {
		trFiles = append(DefaultTranslationFiles(), trFiles...)
	}
	var old *Translation
	for _, f := range trFiles {
		if fileLanguage(f.Data) != tag {
			continue
		}
		t, _, err := parseTranslation(f, b, true)
		if err != nil {
			return nil, nil, err
		}
		old = t // the last given wins, as in LoadSet
	}
	return b, old, nil
}

// LoadToValidate loads and resolves what `bank validate` checks in src:
// a bank file or directory (with the translation files in it); a
// translation file, with banks (a bank and translation files; the
// built-in bank when none); or the built-in bank with its translations
// when src is nil. translation reports that src is a translation file,
// so only its translations were checked. Each source was read once
// (ReadSource): a pipe is checked as a file is.
func LoadToValidate(ctx context.Context, src *Source, banks []Source) (s *Set, translation bool, err error) {
	var load []Source
	if src != nil {
		load = []Source{*src}
		if _, translation = src.TranslationBank(); translation {
			load = append(slices.Clone(banks), *src)
		}
	}
	s, err = LoadSources(ctx, load, nil)
	if err == nil {
		err = s.Resolve()
	}
	return s, translation, err
}
