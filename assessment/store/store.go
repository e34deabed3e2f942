// Package store keeps digilead's personal data on disk: drafts of
// unfinished assessments and saved results, in the data directory
// (DataDir: the XDG one, %LocalAppData%\digilead on Windows), written
// atomically with mode 0600.
package store

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
)

// Store is digilead's data directory.
type Store struct {
	// Dir is the data directory, e.g. ~/.local/share/digilead.
	Dir string
}

func (s *Store) resultsDir() string { return filepath.Join(s.Dir, "results") }
func (s *Store) draftsDir() string  { return filepath.Join(s.Dir, "drafts") }

func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", dir, errtext.WithoutPath(err))
	}
	return nil
}

// SaveResult writes a result into the results directory, atomically and
// with mode 0600, and returns its path.
func (s *Store) SaveResult(r *assessment.Result) (string, error) {
	return WriteResult(s.resultsDir(), r.CompletedAt.UTC().Format("2006-01-02T150405Z")+"-"+safeName(r.Bank.ID), r)
}

// Entry is one saved result. Err is set (and Result nil) when the file
// could not be read as a result.
type Entry struct {
	Path   string
	Result *assessment.Result
	Err    error
}

// Results lists the saved results, newest first (by completion time, then
// file name). A missing directory is an empty list.
func (s *Store) Results() ([]Entry, error) {
	files, err := filepath.Glob(filepath.Join(s.resultsDir(), "*.json"))
	if err != nil {
		return nil, err
	}
	entries := make([]Entry, 0, len(files))
	modified := make(map[string]time.Time, len(files))
	for _, f := range files {
		e := Entry{Path: f}
		data, err := readResult(f)
		if err == nil {
			e.Result, err = assessment.DecodeResult(data)
		}
		e.Err = err
		if info, err := os.Stat(f); err == nil {
			modified[f] = info.ModTime()
		}
		entries = append(entries, e)
	}
	// Newest first; results that could not be read last.
	slices.SortStableFunc(entries, func(a, b Entry) int {
		if (a.Result == nil) != (b.Result == nil) {
			if a.Result != nil {
				return -1
			}
			return 1
		}
		if a.Result != nil {
			if c := b.Result.CompletedAt.Compare(a.Result.CompletedAt); c != 0 {
				return c
			}
		}
		if c := modified[b.Path].Compare(modified[a.Path]); c != 0 {
			return c
		}
		return strings.Compare(b.Path, a.Path)
	})
	return entries, nil
}

// readResult reads a saved result: a regular file of at most
// questions.MaxFileSize. A FIFO or device in the directory is not opened
// (it could block or never end).
func readResult(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, errtext.WithoutPath(err)
	}
	if !info.Mode().IsRegular() {
		return nil, errtext.Invalidf("not a regular file, skipped")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, errtext.WithoutPath(err)
	}
	defer f.Close()
	data, err := questions.ReadLimited(f, questions.MaxFileSize)
	if errors.Is(err, questions.ErrTooLarge) {
		return nil, errtext.Invalidf("larger than the %d MiB limit of a result", questions.MaxFileSize>>20)
	}
	return data, err
}

// DraftSchema is the schema id of a draft file.
const DraftSchema = "digilead.draft/v1"

// Draft is an unfinished assessment.
type Draft struct {
	Schema     string                     `json:"schema"`
	Bank       assessment.BankRef         `json:"bank"`
	Respondent questions.Respondent       `json:"respondent"`
	Target     string                     `json:"target,omitempty"`
	Page       int                        `json:"page"`
	Answers    map[string]questions.Value `json:"answers"`
	UpdatedAt  time.Time                  `json:"updated_at"`
	// Language is the language the questionnaire was in, so that it
	// resumes in it.
	Language string `json:"language,omitempty"`
	// Key is the name the draft is kept under when it is not its bank's
	// id (an observer's feedback, kept apart from the person's own
	// assessment); not written.
	Key string `json:"-"`
}

// draftPath is one draft per bank id.
func (s *Store) draftPath(bankID string) string {
	return filepath.Join(s.draftsDir(), safeName(bankID)+".json")
}

// SaveDraft writes the draft for its bank atomically with mode 0600, and
// returns its path.
func (s *Store) SaveDraft(d *Draft) (string, error) {
	path := s.draftPath(cmp.Or(d.Key, d.Bank.ID))
	return path, WriteDraft(path, d)
}

// ErrNoDraft means there is no draft to resume.
var ErrNoDraft = errors.New("no draft to resume")

// LoadDraft reads the draft of a bank.
func (s *Store) LoadDraft(bankID string) (*Draft, error) {
	return ReadDraft(s.draftPath(bankID))
}

// ErrDraftInUse means another questionnaire of the same bank, still
// running, holds the draft.
var ErrDraftInUse = errors.New("draft in use")

var errLocked = errors.New("locked")

// LockDraft claims the bank's draft for this questionnaire until unlock
// is called or the process ends: a second questionnaire of the same bank
// gets ErrDraftInUse instead of sharing, and removing, the first one's
// draft.
func (s *Store) LockDraft(bankID string) (unlock func(), err error) {
	if err := ensureDir(s.draftsDir()); err != nil {
		return nil, err
	}
	path := s.draftPath(bankID) + ".lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock draft %s: %w", path, errtext.WithoutPath(err))
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, ErrDraftInUse
		}
		return nil, fmt.Errorf("lock draft %s: %w", path, err)
	}
	return func() { f.Close() }, nil
}

// DraftPath is where the draft of a bank is kept.
func (s *Store) DraftPath(bankID string) string { return s.draftPath(bankID) }

// RemoveDraft deletes the draft of a bank; a missing draft is not an error.
func (s *Store) RemoveDraft(bankID string) error {
	err := os.Remove(s.draftPath(bankID))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// Last finds the newest saved result; skipped are the unreadable files
// passed over on the way.
func (s *Store) Last() (newest *Entry, skipped []Entry, err error) {
	entries, err := s.Results()
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", s.Dir, err)
	}
	for i := range entries {
		if entries[i].Err != nil {
			skipped = append(skipped, entries[i])
			continue
		}
		return &entries[i], skipped, nil
	}
	return nil, skipped, errtext.Invalidf("%s has no saved results; take the assessment first", s.Dir)
}

// LastTwo finds the newest saved result and the newest one before it from
// the same bank; skipped are the unreadable files passed over on the way.
func (s *Store) LastTwo() (older, newer *Entry, skipped []Entry, err error) {
	entries, err := s.Results()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("read %s: %w", s.Dir, err)
	}
	for i := range entries {
		e := &entries[i]
		switch {
		case e.Err != nil:
			skipped = append(skipped, *e)
		case newer == nil:
			newer = e
		case e.Result.Bank.ID == newer.Result.Bank.ID:
			return e, newer, skipped, nil
		}
	}
	found := "no saved results"
	if newer != nil {
		found = fmt.Sprintf("only one saved result of bank %q", newer.Result.Bank.ID)
	}
	return nil, nil, skipped, errtext.Invalidf("two saved results of the same bank are needed, and %s has %s; take the assessment again", s.Dir, found)
}

// safeName makes a bank id usable as a file name on every system: no
// path separator of any system, and not a name Windows keeps for a device
// whatever its extension (CON, NUL, COM1 …: a draft named nul.json would
// be written to the null device), which gets a leading underscore.
func safeName(id string) string {
	id = strings.NewReplacer("/", "_", `\`, "_").Replace(id)
	base, _, _ := strings.Cut(strings.ToLower(id), ".")
	switch base {
	case "con", "prn", "aux", "nul",
		"com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
		"lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9":
		return "_" + id
	}
	return id
}
