// Package form asks a bank's questions in the terminal with huh and turns
// the replies into answers. It is the only package that imports huh.
//
// The questionnaire is a welcome page (what it is, how long it takes, an
// optional name and the person's role) followed by one page per
// dimension. The caller is told after every page, so it can keep a draft,
// and can start at any page with earlier answers filled in.
package form

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// ErrInterrupted means the person stopped the questionnaire (Ctrl-C, a
// closed terminal or end of input) before the last page.
var ErrInterrupted = errors.New("questionnaire interrupted")

// Options configure Run. The zero value asks every page from the start.
type Options struct {
	// In and Out are the terminal the form reads keys from and draws on,
	// never the result's stdout; nil means stdin and stderr.
	In  io.Reader
	Out io.Writer
	// Renderer draws the form's styles. It should be made for Out (the
	// terminal), with its background already resolved; nil means a plain
	// renderer without colour.
	Renderer *lipgloss.Renderer
	// Theme is a huh theme name (see Themes); empty means "charm".
	Theme string
	// Accessible asks in huh's accessible mode: plain numbered prompts read
	// line by line, no redrawing.
	Accessible bool
	// Answers are earlier answers (a draft being resumed) shown as the
	// answers given; nil starts empty. Run does not modify them.
	Answers *questions.Answers
	// Start is the page to begin at: 0 is the welcome page, 1..Pages(b)
	// the dimensions.
	Start int
	// Draft, when set, is an unfinished questionnaire that Run offers on
	// its first screen: continue it (the default, with how many questions
	// it has answered) or start again, which asks to confirm. Answers and
	// Start are then set by the choice.
	Draft *Draft
	// OnDraft is told the choice made on the draft's screen: keep is true
	// to continue it, false to start again (confirmed), when the caller
	// may remove it. An error stops the questionnaire and is returned by
	// Run.
	OnDraft func(keep bool) error
	// DraftPath, when set, is named on the welcome page as where progress is
	// kept.
	DraftPath string
	// Notice, when set, replaces what the welcome page says about where
	// the answers are kept and how to continue later, in the language the
	// page is shown in (a server's own words, such as how to reconnect).
	Notice func(l *lang.Lang) string
	// About, when set, makes the questionnaire one about another person
	// (an observer's feedback): the welcome page says what About returns,
	// in the page's language, in place of how to answer about oneself,
	// and asks neither a name nor a role (the answers carry neither).
	About func(l *lang.Lang) string
	// Footer, when set, is a line shown under the keys' hint on every page
	// (and under each page's heading in accessible mode), in the page's
	// language: a server's word on how to come back after a lost
	// connection.
	Footer func(l *lang.Lang) string
	// Size, when set, brings the size of a terminal the program cannot
	// ask (an SSH session) and then its changes.
	Size <-chan Window
	// Shared means the process serves many terminals: the form leaves the
	// process's signals alone (the server decides when to stop).
	Shared bool
	// OnChange is called after every answer given or changed, and
	// whenever the person leaves a page (forwards or back), with the
	// answers so far and the page to continue at: a caller keeping a draft
	// loses no answer to Ctrl-C. It runs before the form goes on, so it
	// should be quick (see docs/performance.md). An error stops the
	// questionnaire and is returned by Run.
	OnChange func(p Progress) error
	// Languages are the languages the questionnaire can be asked in; it
	// starts in the first, and the welcome page offers them all when there
	// is more than one. None means the bank as given, in its own language.
	Languages []Language
}

// Language is one language of the questionnaire: its words (a catalog
// language) and the bank as it reads in that language, a translation of
// the bank Run is given (same ids and structure).
type Language struct {
	// Tag is the language's BCP 47 tag, such as "cy".
	Tag  string
	Lang *lang.Lang
	Bank *questions.Bank
}

// Draft is an unfinished questionnaire offered to be continued.
type Draft struct {
	// Answers are its answers that still fit the bank, and who gave them.
	Answers *questions.Answers
	// Dropped counts its answers that no longer fit the bank (it has
	// changed): they are asked again.
	Dropped int
	// Saved is when it was last saved.
	Saved time.Time
	// Language is the tag of the language it was in; it continues in it
	// when that is one of the questionnaire's languages.
	Language string
}

// Window is a terminal's size in cells.
type Window struct{ Width, Height int }

// Progress is the state of the questionnaire after an answer or when a
// page is left.
type Progress struct {
	// Page is the page to continue at: the page being answered, or the
	// page shown next; Pages(b)+1 when the last page is done.
	Page int
	// Answers holds every answer so far (a copy the callee may keep).
	Answers *questions.Answers
	// Language is the tag of the language the questionnaire is in.
	Language string
}

// Pages returns the number of question pages of a bank: one per dimension
// that has questions. The welcome page is page 0 and is not counted.
func Pages(b *questions.Bank) int { return len(dimensionPages(b)) }

// FirstUnanswered returns the first question page with a question that has
// no answer, or the last page when every question has one. It is where a
// resumed questionnaire starts.
func FirstUnanswered(b *questions.Bank, a *questions.Answers) int {
	pages := dimensionPages(b)
	for i, p := range pages {
		for _, q := range p.questions {
			if _, ok := a.Values[q.ID]; !ok {
				return i + 1
			}
		}
	}
	return len(pages)
}

// themes are huh's themes by name (made on first use).
var themes = sync.OnceValue(func() map[string]func() *huh.Theme {
	return map[string]func() *huh.Theme{
		"charm":      huh.ThemeCharm,
		"dracula":    huh.ThemeDracula,
		"catppuccin": huh.ThemeCatppuccin,
		"base16":     huh.ThemeBase16,
		"base":       huh.ThemeBase,
	}
})

// Themes lists the theme names, sorted.
func Themes() []string {
	return slices.Sorted(maps.Keys(themes()))
}

// CheckTheme reports whether name is a theme, with the names to use when it
// is not.
func CheckTheme(name string) error {
	if _, ok := themes()[name]; ok || name == "" {
		return nil
	}
	return fmt.Errorf("unknown theme %q; use one of %s", name, strings.Join(Themes(), ", "))
}

// Run asks the bank's questions, starting at opts.Start (or where the
// person chooses, with a draft), and returns the answers when the last
// page is done. It returns ErrInterrupted when the person stops early;
// answers given so far were passed to OnChange.
func Run(ctx context.Context, b *questions.Bank, opts Options) (*questions.Answers, error) {
	if err := CheckTheme(opts.Theme); err != nil {
		return nil, err
	}
	if opts.In == nil {
		opts.In = os.Stdin
	}
	if opts.Out == nil {
		opts.Out = os.Stderr
	}
	if len(opts.Languages) == 0 {
		tag := questions.BankLanguage(b)
		opts.Languages = []Language{{Tag: tag, Lang: lang.Get(tag), Bank: b}}
	}
	q := newQuestionnaire(b, opts)
	q.theme = themeFor(cmp.Or(opts.Theme, "charm"), q.renderer)

	var err error
	if opts.Accessible {
		err = q.runAccessible(ctx)
	} else {
		err = q.runInteractive(ctx)
	}
	if errors.Is(err, ErrInterrupted) {
		return nil, Interrupted{Language: q.langs[q.cur].Tag}
	}
	if err != nil {
		return nil, err
	}
	return q.answers(), nil
}

// Interrupted is the error of a questionnaire stopped early (it is
// ErrInterrupted), with the language it was in, which the person may have
// chosen on the welcome page.
type Interrupted struct{ Language string }

func (e Interrupted) Error() string        { return ErrInterrupted.Error() }
func (e Interrupted) Is(target error) bool { return target == ErrInterrupted }
