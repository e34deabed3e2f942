// Package feedbackcmd is the feedback command group: invite observers to
// a round, give feedback as one, and report the round beside the
// person's own result.
package feedbackcmd

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/assessment/session"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/report"
)

// New makes `digilead feedback` with every command under it.
func New(f *cmdutil.Factory) *cobra.Command {
	return cmdutil.Group("feedback", "Others' view: ask observers, answer as one, set your view beside theirs",
		`Feedback is a round of feedback on one person from the people who work
with them (360 feedback): 'invite' starts a round and says what to send to
observers, 'give' answers it as an observer (in the observer wording of
the bank's questions, by role, without a name), and 'report' sets the
person's own result beside everyone else's view, showing only figures
that expose no one. See docs/feedback.md.`,
		newFeedbackInviteCmd(f, nil), newFeedbackGiveCmd(f, nil), newFeedbackReportCmd(f, nil))
}

// feedbackInviteOptions are the flags of `digilead feedback invite`.
type feedbackInviteOptions struct {
	*cmdutil.Factory
	doc          docflags.Doc[*feedback.Round]
	name, closes string
	roles        []string
}

func newFeedbackInviteCmd(f *cmdutil.Factory, runF func(*feedbackInviteOptions) error) *cobra.Command {
	opts := &feedbackInviteOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "invite --name NAME",
		Short: "Start a feedback round and print what to send to observers",
		Long: `Invite starts a round of feedback on the person named: a random id, the
bank's id, version and digest, and the roles observers may answer in
(manager, peer, report for direct reports, other). The round is kept in
the data directory (mode 0600) and what to send to observers is printed:
how to answer, that answers are anonymous, and that a manager's view is
shown on its own. --format json prints the round itself, {"round": ID, …}.`,
		Example: `  digilead feedback invite --name "Sam Jones" --closes 2026-12-18
  digilead feedback invite --name Sam --roles peer,report --format json`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(opts, runF, feedbackInviteRun),
	}
	docflags.AddDoc(cmd, &opts.doc, report.Rounds, "text", "bank observers answer (default: the built-in bank)", "")
	fl := cmd.Flags()
	fl.StringVar(&opts.name, "name", "", "the `NAME` observers know the person by")
	cmdutil.StringVar(fl, &opts.closes, "closes", "", "last day to answer, `YYYY-MM-DD`", func(s string) error {
		return feedback.CheckCloses(s, f.Now())
	})
	rolesVar(fl, &opts.roles, "roles observers may answer in: "+strings.Join(feedback.Roles, ", ")+" (default: all)")
	return cmd
}

// rolesVar defines --roles, a list of roles, into roles.
func rolesVar(fl *pflag.FlagSet, roles *[]string, usage string) {
	cmdutil.Var(fl, roles, "roles", "", "stringSlice", usage, func(s string) ([]string, error) {
		// Every field between commas, an empty one too (refused, as the
		// StringSlice flag this was refused "manager,,peer" and "peer,").
		return feedback.CheckRoles(append(*roles, strings.Split(s, ",")...))
	})
}

func feedbackInviteRun(opts *feedbackInviteOptions) error {
	if strings.TrimSpace(opts.name) == "" {
		return cmdutil.UsageError("--name: give the name observers know the person by")
	}
	if err := opts.doc.Load(opts.Ctx, opts.IO); err != nil {
		return err
	}
	r, err := feedback.NewRound(opts.doc.Set.Bank, feedback.RoundOptions{Subject: opts.name, Roles: opts.roles, Closes: opts.closes, Now: opts.Now(), Random: rand.Reader})
	if err != nil {
		return err
	}
	r.Instructions = report.Instructions(opts.doc.Language.Lang, r, feedback.DefaultMinGroup, opts.doc.Bank.Banks)
	st, err := store.Open(opts.IO.Getenv)
	if err != nil {
		return err
	}
	path, err := st.SaveRound(r)
	if err != nil {
		return err
	}
	if err := opts.doc.Write(opts.IO, r); err != nil {
		return err
	}
	opts.Say("digilead: round %s kept in %s; give it (or its id) to 'digilead feedback give --round'\n", r.Round, path)
	return nil
}

// feedbackGiveOptions are the flags of `digilead feedback give`.
type feedbackGiveOptions struct {
	*cmdutil.Factory
	doc                         docflags.Doc[*feedback.Feedback]
	round, role, answers, theme string
	// roles are the roles the invitation names (--roles), for a round
	// known by its id alone.
	roles  []string
	resume bool
}

func newFeedbackGiveCmd(f *cmdutil.Factory, runF func(*feedbackGiveOptions) error) *cobra.Command {
	opts := &feedbackGiveOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "give --round ID|FILE --role ROLE",
		Short: "Answer a feedback round as an observer",
		Long: `Give answers a feedback round about someone else: the questionnaire in
the observer wording of the bank's questions ("how often did they …"),
only the questions an observer can judge, with a draft kept after every
answer (--resume continues it). --answers scores an answers file of those
questions without asking.

It writes a digilead.feedback/v1 document to stdout or -o: the round, the
bank, the role and the answers, and nothing about who answered. Send it
back to whoever collects the round's answers.

--round is the round file from 'feedback invite', or its id: a round kept
in this data directory, or else one on the bank in use (--bank). --roles
is the roles the round offers, as the invitation's command names them:
the role is checked against them (and against the round's, when known).`,
		Example: `  digilead feedback give --round k5qwfxtz3m7rvn2hyb4ajd6ceu --role peer -o feedback.json
  digilead feedback give --round round.json --role report --answers mine.yaml`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(opts, runF, feedbackGiveRun),
	}
	docflags.AddDoc(cmd, &opts.doc, report.Feedbacks, "json", "bank of the round (default: the built-in bank)", "numbered plain-text prompts")
	fl := cmd.Flags()
	fl.StringVar(&opts.round, "round", "", "the round: its `ID` or its FILE")
	cmdutil.StringVar(fl, &opts.role, "role", "", "your role towards the person: "+strings.Join(feedback.Roles, ", "), func(s string) error {
		if s == "" {
			return nil // --role "": the run says it is needed
		}
		if !slices.Contains(feedback.Roles, s) {
			return fmt.Errorf("unknown role %q%s; use one of %s", s, errtext.Suggest(s, feedback.Roles), strings.Join(feedback.Roles, ", "))
		}
		return nil
	})
	rolesVar(fl, &opts.roles, "the roles the round offers, as its invitation names them (default: the round's)")
	fl.StringVar(&opts.answers, "answers", "", "score this answers file (YAML or JSON; - for stdin) instead of asking")
	docflags.AddTheme(cmd, &opts.theme, "questionnaire")
	fl.BoolVar(&opts.resume, "resume", false, "continue the unfinished feedback of this round")
	return cmd
}

func feedbackGiveRun(opts *feedbackGiveOptions) error {
	switch {
	case opts.round == "":
		return cmdutil.UsageError("--round: give the round's id or file (from 'digilead feedback invite')")
	case opts.role == "":
		return cmdutil.UsageError("--role: give your role towards the person: %s", strings.Join(feedback.Roles, ", "))
	case opts.answers != "" && opts.resume:
		return cmdutil.UsageError("--resume continues a questionnaire; it cannot be used with --answers")
	}
	if err := opts.doc.Load(opts.Ctx, opts.IO, opts.answers); err != nil {
		return err
	}
	b := opts.doc.Set.Bank
	r, err := LoadRound(opts.Factory, opts.round, b)
	if err != nil {
		return err
	}
	if len(opts.roles) > 0 {
		// The roles the invitation names: a round known by its id alone
		// offers every role, and a round known offers no more than it
		// says.
		only := *r
		only.Roles = slices.DeleteFunc(slices.Clone(r.Roles), func(role string) bool { return !slices.Contains(opts.roles, role) })
		if len(only.Roles) == 0 {
			return cmdutil.UsageError("--roles: round %s offers %s, none of the roles given; give the roles its invitation names", r.Round, strings.Join(r.Roles, ", "))
		}
		r = &only
	}
	if err := r.CheckRole(opts.role); err != nil {
		return cmdutil.UsageError("--role: %v", err)
	}
	if opts.answers != "" {
		a, err := inputs.ReadObserverAnswers(opts.answers, opts.Stdin(), b)
		if err != nil {
			return err
		}
		return opts.write(r, b, a)
	}
	st, err := store.Open(opts.IO.Getenv)
	if err != nil {
		return err
	}
	term := opts.Terminal()
	accessible := opts.IO.Accessible(opts.doc.Accessible)
	langs, _ := session.Languages(opts.doc.Set, lang.Requested(opts.doc.Bank.Lang, opts.IO.Getenv))
	return session.Run(opts.Ctx, term, session.Options{
		Bank: b.ForObservers(), Theme: opts.theme, Accessible: accessible, Resume: opts.resume,
		Now: opts.Now, Tool: opts.Tool(), Languages: session.ForObservers(langs),
		Draft: b.ID + ".feedback-" + r.Round,
		About: func(l *lang.Lang) string { return report.About(l, r, opts.role, feedback.DefaultMinGroup) },
		ResumeCommand: func(accessible bool) string {
			return docflags.ResumeCommand(fmt.Sprintf("digilead feedback give --round %s%s --role %s --resume", opts.round, rolesArg(opts.roles), opts.role), opts.doc.Bank.Banks, accessible)
		},
		Finish: func(a *questions.Answers, _ string) error {
			return opts.write(r, b, a)
		},
	}, st, nil)
}

// rolesArg is the --roles argument of a command line ("" for none).
func rolesArg(roles []string) string {
	if len(roles) == 0 {
		return ""
	}
	return " --roles " + strings.Join(roles, ",")
}

// write writes the feedback of answers a to round r, with an id of its
// own.
func (opts *feedbackGiveOptions) write(r *feedback.Round, b *questions.Bank, a *questions.Answers) error {
	id, err := feedback.NewID(rand.Reader)
	if err != nil {
		return err
	}
	return opts.doc.Write(opts.IO, feedback.New(r, b, opts.role, a, opts.Now(), id))
}

// LoadRound reads the round of --round, on bank b (see
// inputs.LoadRound).
func LoadRound(f *cmdutil.Factory, arg string, b *questions.Bank) (*feedback.Round, error) {
	r, err := inputs.LoadRound(arg, f.Stdin(), f.IO.Getenv, b)
	if errors.As(err, new(*inputs.OtherBankError)) {
		return nil, fmt.Errorf("--bank: %w with --bank", err)
	}
	if err != nil {
		return nil, fmt.Errorf("--round: %w", err)
	}
	return r, nil
}

// feedbackReportOptions are the flags and arguments of `digilead feedback
// report`.
type feedbackReportOptions struct {
	*cmdutil.Factory
	doc         docflags.Doc[*feedback.Report]
	self, round string
	minGroup    int
	poolManager bool
	paths       []string
}

func newFeedbackReportCmd(f *cmdutil.Factory, runF func(*feedbackReportOptions) error) *cobra.Command {
	opts := &feedbackReportOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "report --self RESULT [FEEDBACK...]",
		Short: "Set a person's own result beside others' feedback",
		Long: `Report reads the person's own result (--self) and the feedback documents
of one round, and shows per dimension the person's own score (on the
questions observers answer), each group's and everyone else's mean, the
gap and whether it stands out beyond measurement error (a blind spot, or a
hidden strength), how far raters disagree, and the questions where the
views differ most.

FEEDBACK is a feedback file, a directory of them (*.json and *.jsonl, such
as a shared folder or a workshop's results folder), or a JSON Lines file;
with none, or -, they are read from stdin. Feedback of another round or of
another bank version is refused (FILE:LINE); the same document given twice
is counted once. A document in a role its round does not offer is
refused when the round is known: kept in this data directory (where
'feedback invite' keeps it), or given with --round.

No figure exposes anyone: a group is shown only with at least --min-group
raters, smaller groups are pooled, and no figure shown, alone or added to
or taken from the others, rests on fewer than --min-group raters other
than the manager, whose view is shown on its own (--pool-manager pools it
with the others'). What is held back is listed, with why. With too few
raters the report says so and shows the person's own view.`,
		Example: `  digilead feedback report --self me.json answers/
  digilead feedback report --self me.json --format html -o feedback.html answers/*.json
  cat answers.jsonl | digilead feedback report --self me.json --min-group 4`,
		RunE: cmdutil.RunE(opts, runF, feedbackReportRun, &opts.paths),
	}
	docflags.AddDoc(cmd, &opts.doc, report.FeedbackReports, "text", "bank of the round, for its observer questions and translations (default: the built-in bank)", "the text report in sentences, without tables")
	fl := cmd.Flags()
	fl.StringVar(&opts.self, "self", "", "the person's own result `FILE` (digilead.result/v1)")
	fl.StringVar(&opts.round, "round", "", "the round: its FILE, or its `ID` (default: the documents', kept in this data directory when it was made here)")
	docflags.AddMinGroup(cmd, &opts.minGroup, feedback.DefaultMinGroup, 2, "show no figure resting on fewer than `N` raters besides the manager")
	fl.BoolVar(&opts.poolManager, "pool-manager", false, "pool the manager's view with the others' instead of showing it on its own")
	return cmd
}

func feedbackReportRun(opts *feedbackReportOptions) error {
	switch {
	case opts.self == "":
		return cmdutil.UsageError("--self: give the person's own result file")
	case opts.self == "-" && (len(opts.paths) == 0 || slices.Contains(opts.paths, "-")):
		return cmdutil.UsageError("--self -: stdin cannot hold both the result and the feedback; name the feedback files")
	case opts.round == "-" && (opts.self == "-" || len(opts.paths) == 0 || slices.Contains(opts.paths, "-")):
		return cmdutil.UsageError("--round -: stdin holds the result or the feedback already; give the round's file or id")
	}
	if err := opts.doc.Load(opts.Ctx, opts.IO, append([]string{opts.self}, opts.paths...)...); err != nil {
		return err
	}
	if opts.minGroup < feedback.DefaultMinGroup {
		opts.Say("digilead: --min-group %d is below the %d the invitation promised observers; use it only if they agreed\n", opts.minGroup, feedback.DefaultMinGroup)
	}
	self, err := inputs.ReadResult(opts.self, opts.Stdin())
	if err != nil {
		return err
	}
	// A round's folder may hold no feedback yet: too few raters.
	set, err := opts.OpenSet(func(stdin io.Reader) (*inputs.Set, error) {
		return inputs.OpenGathering(opts.paths, stdin, opts.IO.InTTY, "feedback documents")
	})
	if err != nil {
		return err
	}
	defer set.Close()
	set.Without(opts.self)
	set.Without(opts.round) // the round file in the shared folder is no feedback
	bd := feedback.NewBuilder(opts.doc.Set.Bank, feedback.Options{MinGroup: opts.minGroup, PoolManager: opts.poolManager})
	if opts.round != "" {
		r, err := LoadRound(opts.Factory, opts.round, opts.doc.Set.Bank)
		if err != nil {
			return err
		}
		bd.UseRound(r)
	}
	rep := inputs.NewReporter(opts.IO.ErrOut)
	note, err := inputs.ReadFeedback(opts.Ctx, set, bd, rep, "--bank", opts.IO.Getenv)
	if opts.Note(note); err != nil {
		return err
	}
	r, err := bd.Report(self)
	if err != nil {
		return fmt.Errorf("%s: %w", opts.self, err)
	}
	opts.Note(r.TooFew(fmt.Sprintf("--min-group %d", opts.minGroup)))
	return opts.doc.Write(opts.IO, r)
}
