package form

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/cellbuf"

	"github.com/digilead/digilead/questions/lang"
)

// PlanItem is a priority a development plan may take: an id, its label
// (the name and figures, said already) and the actions offered for it.
type PlanItem struct {
	ID      string
	Label   string
	Actions []PlanAction
	// Suggested are the indexes in Actions ticked at first.
	Suggested []int
}

// PlanAction is an action offered or chosen: its kind and text, and its
// label (its way of learning and text, said already).
type PlanAction struct {
	Kind, Text, Label string
}

// PlanForm is the short form of `digilead plan`.
type PlanForm struct {
	In         io.Reader
	Out        io.Writer
	Renderer   *lipgloss.Renderer
	Theme      string
	Accessible bool
	Lang       *lang.Lang
	// Items are the priorities on offer, first things first; the first
	// Preselected are chosen at first.
	Items       []PlanItem
	Preselected int
	// Due is the suggested due day of the i-th of n priorities chosen;
	// Review the suggested review day; Today the earliest day accepted.
	Due           func(i, n int) time.Time
	Review, Today time.Time
	// OwnKind is the kind of an action a person writes.
	OwnKind string
	// Width is the terminal's width, 0 when unknown: the options are
	// wrapped to fit it.
	Width int
}

// PlanChoice is a priority chosen, with its actions and their due day.
type PlanChoice struct {
	ID      string
	Actions []PlanAction
	Due     time.Time
}

// PlanAnswers are what the plan form gives.
type PlanAnswers struct {
	Chosen    []PlanChoice
	Review    time.Time
	Supporter string
}

// maxPlanPriorities is the most priorities a plan takes.
const maxPlanPriorities = 3

const dayLayout = "2006-01-02"

// AskPlan asks for a development plan: one to three priorities, the
// actions for each (those suggested ticked, one of the person's own),
// a due day for each priority, the review day and a supporter. It
// returns ErrInterrupted when the person stops it.
func AskPlan(ctx context.Context, f PlanForm) (*PlanAnswers, error) {
	if f.Lang == nil {
		f.Lang = lang.English()
	}
	if f.Accessible {
		in := newLineReader(f.In)
		done := make(chan planResult, 1)
		go func() {
			a, err := askPlanAccessible(&asker{w: f.Out, in: in, q: &questionnaire{l: f.Lang}}, f)
			done <- planResult{a, err}
		}()
		select {
		case r := <-done:
			return r.a, r.err
		case <-in.eof:
			return nil, ErrInterrupted
		case <-ctx.Done():
			return nil, ErrInterrupted
		}
	}
	return askPlanForm(ctx, f)
}

type planResult struct {
	a   *PlanAnswers
	err error
}

// checkDay accepts a day, YYYY-MM-DD, not before today.
func (f PlanForm) checkDay(s string) (time.Time, error) {
	t, err := time.ParseInLocation(dayLayout, strings.TrimSpace(s), f.Today.Location())
	y, m, d := f.Today.Date()
	if err != nil || t.Before(time.Date(y, m, d, 0, 0, 0, 0, f.Today.Location())) {
		return time.Time{}, errors.New(f.Lang.T("form.plan.bad_date"))
	}
	return t, nil
}

// checkPicks accepts one to three priorities.
func (f PlanForm) checkPicks(ids []string) error {
	if len(ids) < 1 || len(ids) > maxPlanPriorities {
		return errors.New(f.Lang.T("form.plan.pick_range"))
	}
	return nil
}

// chosen are the items of ids, in the order of the items.
func (f PlanForm) chosen(ids []string) []PlanItem {
	var out []PlanItem
	for _, it := range f.Items {
		if slices.Contains(ids, it.ID) {
			out = append(out, it)
		}
	}
	return out
}

// preselected are the ids of the items chosen at first.
func (f PlanForm) preselected() []string {
	var ids []string
	for _, it := range f.Items[:min(f.Preselected, len(f.Items))] {
		ids = append(ids, it.ID)
	}
	return ids
}

// actions are the actions of it at the indexes picked, then the
// person's own.
func (f PlanForm) actions(it PlanItem, picked []string, own string) []PlanAction {
	var out []PlanAction
	for i, a := range it.Actions {
		if slices.Contains(picked, strconv.Itoa(i)) {
			out = append(out, a)
		}
	}
	if own = strings.TrimSpace(own); own != "" {
		out = append(out, PlanAction{Kind: f.OwnKind, Text: own, Label: own})
	}
	return out
}

func suggested(it PlanItem) []string {
	var s []string
	for _, i := range it.Suggested {
		s = append(s, strconv.Itoa(i))
	}
	return s
}

// optionFit wraps an option's label at spaces to fit a terminal width
// wide beside the field's frame, cursor and tick (huh lines the lines up
// after them): huh's multi-select does not wrap its options, and a line
// wider than the field lost its characters at the edge ("shar" for
// "share" at 60 columns). A width of 0 (unknown) leaves labels as they are.
func optionFit(theme *huh.Theme, width int) func(string) string {
	st := theme.Focused
	limit := width - st.Base.GetHorizontalFrameSize() - lipgloss.Width(st.MultiSelectSelector.String()) - max(lipgloss.Width(st.SelectedPrefix.String()), lipgloss.Width(st.UnselectedPrefix.String()))
	return func(s string) string {
		if width <= 0 || limit < 10 || ansi.StringWidth(s) <= limit {
			return s
		}
		return cellbuf.Wrap(s, limit, " ")
	}
}

// askPlanForm asks with huh: the priorities on one page, then a page for
// each priority chosen and one for the review day and supporter.
func askPlanForm(ctx context.Context, f PlanForm) (*PlanAnswers, error) {
	l := f.Lang
	theme := themeFor(f.Theme, f.Renderer)
	run := func(groups ...*huh.Group) error {
		err := huh.NewForm(groups...).WithTheme(theme).WithKeyMap(keyMap(l)).
			WithInput(f.In).WithOutput(f.Out).RunWithContext(ctx)
		if errors.Is(err, huh.ErrUserAborted) || errors.Is(err, context.Canceled) {
			return ErrInterrupted
		}
		return err
	}
	ids := f.preselected()
	fit := optionFit(theme, f.Width)
	var opts []huh.Option[string]
	for _, it := range f.Items {
		opts = append(opts, huh.NewOption(fit(it.Label), it.ID).Selected(slices.Contains(ids, it.ID)))
	}
	pick := huh.NewMultiSelect[string]().Title(l.T("form.plan.priorities")).Description(l.T("form.plan.priorities_help")).
		Options(opts...).Limit(maxPlanPriorities).Value(&ids).Validate(f.checkPicks)
	if err := run(huh.NewGroup(pick).Title(l.T("form.plan.title"))); err != nil {
		return nil, err
	}
	items := f.chosen(ids)
	picked := make([][]string, len(items))
	own := make([]string, len(items))
	due := make([]string, len(items))
	var groups []*huh.Group
	for i, it := range items {
		picked[i] = suggested(it)
		due[i] = f.Due(i, len(items)).Format(dayLayout)
		var aopts []huh.Option[string]
		for j, a := range it.Actions {
			aopts = append(aopts, huh.NewOption(fit(a.Label), strconv.Itoa(j)).Selected(slices.Contains(picked[i], strconv.Itoa(j))))
		}
		groups = append(groups, huh.NewGroup(
			huh.NewMultiSelect[string]().Title(l.T("form.plan.actions", "Name", it.Label)).Description(l.T("form.plan.actions_help")).
				Options(aopts...).Value(&picked[i]),
			huh.NewInput().Title(l.T("form.plan.own")).Value(&own[i]).CharLimit(300),
			huh.NewInput().Title(l.T("form.plan.due")).Value(&due[i]).Validate(func(s string) error { _, err := f.checkDay(s); return err }),
		))
	}
	review := f.Review.Format(dayLayout)
	var supporter string
	groups = append(groups, huh.NewGroup(
		huh.NewInput().Title(l.T("form.plan.review")).Value(&review).Validate(func(s string) error { _, err := f.checkDay(s); return err }),
		huh.NewInput().Title(l.T("form.plan.supporter")).Value(&supporter).CharLimit(100),
	))
	if err := run(groups...); err != nil {
		return nil, err
	}
	a := &PlanAnswers{Supporter: strings.TrimSpace(supporter)}
	a.Review, _ = f.checkDay(review)
	for i, it := range items {
		d, _ := f.checkDay(due[i])
		a.Chosen = append(a.Chosen, PlanChoice{ID: it.ID, Actions: f.actions(it, picked[i], own[i]), Due: d})
	}
	return a, nil
}

// askPlanAccessible asks line by line, as the accessible questionnaire
// does: numbered choices, and days that an empty line keeps.
func askPlanAccessible(a *asker, f PlanForm) (*PlanAnswers, error) {
	l := f.Lang
	fmt.Fprintf(a.w, "%s\n\n", l.T("form.acc.heading", "Text", l.T("form.plan.title")))
	var opts []choice
	for _, it := range f.Items {
		opts = append(opts, choice{label: it.Label, value: it.ID})
	}
	ids := a.chooseMany(l.T("form.plan.priorities")+"\n"+l.T("form.plan.priorities_help"), opts, f.preselected(), f.checkPicks)
	items := f.chosen(ids)
	ans := &PlanAnswers{}
	for i, it := range items {
		fmt.Fprintln(a.w)
		var aopts []choice
		for j, act := range it.Actions {
			aopts = append(aopts, choice{label: act.Label, value: strconv.Itoa(j)})
		}
		picked := a.chooseMany(l.T("form.plan.actions", "Name", it.Label)+"\n"+l.T("form.plan.actions_help"), aopts, suggested(it), func([]string) error { return nil })
		fmt.Fprint(a.w, l.T("form.plan.acc.own")+" ")
		own := a.line()
		due := a.day(f, l.T("form.plan.due"), f.Due(i, len(items)))
		ans.Chosen = append(ans.Chosen, PlanChoice{ID: it.ID, Actions: f.actions(it, picked, own), Due: due})
	}
	fmt.Fprintln(a.w)
	ans.Review = a.day(f, l.T("form.plan.review"), f.Review)
	fmt.Fprint(a.w, l.T("form.plan.acc.supporter")+" ")
	ans.Supporter = strings.TrimSpace(a.line())
	return ans, nil
}

// day asks for a day; an empty line keeps def.
func (a *asker) day(f PlanForm, title string, def time.Time) time.Time {
	for {
		fmt.Fprintf(a.w, "%s [%s] ", title, def.Format(dayLayout))
		s := strings.TrimSpace(a.line())
		if s == "" {
			return def
		}
		t, err := f.checkDay(s)
		if err == nil {
			return t
		}
		fmt.Fprintln(a.w, err)
	}
}
