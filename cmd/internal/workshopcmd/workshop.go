// Package workshopcmd is the workshop command group: serve the
// questionnaire over SSH to a room and sum its results up when it stops.
package workshopcmd

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/feedback"
	workshopsrv "github.com/digilead/digilead/assessment/workshop"
	"github.com/digilead/digilead/cmd/internal/cli"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/cmd/internal/feedbackcmd"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/report"
	"github.com/digilead/digilead/report/dashboard"
)

// Summary writes the group summary of the results in dir to stdout, as
// `digilead cohort DIR --bank … --min-group N` does: the workshop's last
// word when it stops.
type Summary func(f *cmdutil.Factory, dir string, bank docflags.Bank, minGroup int) error

// Program is digilead-workshop, the program that runs `digilead
// workshop`; summary is the cohort command's own.
func Program(version string, summary Summary) cli.Program {
	return cli.Workshop.Own(version, func(f *cmdutil.Factory) *cobra.Command { return New(f, summary) })
}

// New makes `digilead workshop` with every command under it; summary is
// the cohort command's own.
func New(f *cmdutil.Factory, summary Summary) *cobra.Command {
	return cmdutil.Group(cli.Workshop.Name, cli.Workshop.Short, "", newWorkshopServeCmd(f, summary, nil))
}

// workshopOptions are the flags of `digilead workshop serve`.
type workshopOptions struct {
	*cmdutil.Factory
	cohort                               Summary
	bank                                 docflags.Bank
	results, listen, code, hostKey, host string
	open                                 bool
	maxParticipants, minGroup            int
	idleTimeout, maxTime                 time.Duration
	loginGrace                           time.Duration
	log                                  string
	// maxStartups is zero unless given: sized by --max-participants.
	maxStartups           workshopsrv.Startups
	maxStartupsPerAddress int
	round                 string
}

func newWorkshopServeCmd(f *cmdutil.Factory, summary Summary, runF func(*workshopOptions) error) *cobra.Command {
	opts := &workshopOptions{Factory: f, cohort: summary}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the questionnaire over SSH to a room; collect the results in one folder",
		Long: `Serve runs an SSH server on which participants answer the questionnaire in
their own terminal, with nothing to install: they type

  ssh -p 2222 ADDRESS

and give the workshop code as the password. Each sees their own gap report
at the end and can take a copy of their result. Results are saved in the
results folder (one file per participant, mode 0600); 'digilead cohort
FOLDER' sums them up at any time, during or after the workshop.

On a terminal, a live dashboard shows what to tell the room (addresses,
port, code, host key fingerprint), who is where and, once --min-group have
finished, the group's anonymous summary. q stops taking newcomers and waits
for those answering (not for those reading their report, which closes
once the last to finish has had 30 seconds to read it); a second q or Ctrl-C stops at once (drafts are kept: participants
resume when the server is started again). Elsewhere, one plain line per
event goes to stderr, and SIGINT or SIGTERM stop as q does. When the server
stops, the group summary of every result in the folder, as 'digilead
cohort FOLDER' prints it, is written to stdout.

See docs/workshop.md for the trainer's guide.`,
		Example: `  digilead workshop serve
  digilead workshop serve --code lamp-wave-oak --results ./team-day
  digilead workshop serve --listen :2200 --max-participants 40 2>workshop.log`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(opts, runF, workshopServeRun),
	}
	fl := cmd.Flags()
	docflags.AddBank(cmd, &opts.bank, "question bank file or directory (default: the built-in bank, with its Welsh and French)")
	docflags.AddTranslations(cmd, &opts.bank.Translations, "; each participant is asked in their SSH client's language (LANG) or chooses on the welcome page")
	fl.StringVar(&opts.results, "results", "", "`FOLDER` for the results (default: ./digilead-workshop-YYYY-MM-DD, created 0700)")
	cmdutil.StringVar(fl, &opts.listen, "listen", ":2222", "`ADDRESS:PORT` to listen on", checkListen)
	fl.StringVar(&opts.code, "code", "", "the workshop code participants give as password (default: three words, generated)")
	fl.BoolVar(&opts.open, "open", false, "ask no code: anyone who can reach the port can take part")
	cmdutil.IntVar(fl, &opts.maxParticipants, "max-participants", 200, 1, math.MaxInt, "most questionnaires at once; more are turned away politely", "must be %[2]d or more, got %[1]d")
	cmdutil.DurationVar(fl, &opts.idleTimeout, "idle-timeout", 30*time.Minute, "end a questionnaire nobody typed in for this long (its draft is kept)")
	cmdutil.DurationVar(fl, &opts.maxTime, "max-time", 3*time.Hour, "end any session after this long (its draft is kept)")
	fl.StringVar(&opts.hostKey, "host-key", "", "host key `FILE` (default: created once in the data directory and reused)")
	fl.StringVar(&opts.host, "host", "", "the name or address participants type, for the lines they are shown (default: the address they reached)")
	docflags.AddMinGroup(cmd, &opts.minGroup, cohort.DefaultMinGroup, 1, "show the group summary once `N` have finished, and update it in steps of N")
	cmdutil.DurationVar(fl, &opts.loginGrace, "login-grace-time", workshopsrv.DefaultLoginGraceTime, "close a connection that has not logged in and begun a session within this long")
	cmdutil.Var(fl, &opts.maxStartups, "max-startups", "", "string", "connections not logged in yet, as `START:RATE:FULL`: from START on a new one is refused with RATE% chance, rising to all at FULL (default N:30:2N, N being --max-participants)", workshopsrv.ParseStartups)
	cmdutil.IntVar(fl, &opts.maxStartupsPerAddress, "max-startups-per-address", 0, 0, math.MaxInt, "connections not logged in yet from one address (default --max-participants)", "must be 1 or more, got %[1]d")
	fl.StringVar(&opts.round, "round", "", "take observers' feedback on this round (its `FILE` or id, from 'feedback invite') instead of assessments: each picks their role and answers the observer questions")
	fl.StringVar(&opts.log, "log", "", "the trainer's log `FILE`: every connection, refusal and error, with addresses (default: workshop.log in the results folder, 0600)")
	return cmd
}

// checkListen refuses an address net.Listen could never use: one without
// a port, or with a port that is not a number from 0 to 65535 or a
// service name. A port in use, or an address this machine does not have,
// is found only on listening (exit 1).
func checkListen(s string) error {
	const give = "give ADDRESS:PORT such as :2222 or 127.0.0.1:2222"
	_, port, err := net.SplitHostPort(s)
	if err != nil {
		return fmt.Errorf("%q is not ADDRESS:PORT; %s", s, give)
	}
	if _, err := net.LookupPort("tcp", port); err != nil {
		return fmt.Errorf("%q: the port %q is not a number from 0 to 65535; %s", s, port, give)
	}
	return nil
}

func workshopServeRun(opts *workshopOptions) error {
	if opts.open && opts.code != "" {
		return cmdutil.UsageError("--code and --open cannot be used together: --open asks no code")
	}
	set, err := docflags.LoadSet(opts.Ctx, opts.bank)
	if err != nil {
		return err
	}
	docflags.NoteUnread(opts.IO, opts.bank)
	var round *feedback.Round
	if opts.round != "" {
		if round, err = feedbackcmd.LoadRound(opts.Factory, opts.round, set.Bank); err != nil {
			return err
		}
	}
	dir := cmp.Or(opts.results, workshopsrv.DefaultDir(opts.Now()))
	signer, note, err := workshopsrv.LoadHostKey(opts.hostKey, opts.IO.Getenv)
	if opts.Note(note); err != nil && opts.hostKey != "" {
		return fmt.Errorf("--host-key: %w", err)
	} else if err != nil {
		return err
	}
	code := opts.code
	if opts.open {
		opts.Say("digilead: warning: --open asks no workshop code: anyone who can reach this port can take part and fill the results folder\n")
	} else if code == "" {
		code = workshopsrv.NewCode()
	}
	l, err := net.Listen("tcp", opts.listen)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w\nChoose another port with --listen, e.g. --listen :2200", opts.listen, errors.Unwrap(err))
	}
	var sink func(workshopsrv.Event)
	srv, err := workshopsrv.New(workshopsrv.Config{
		Set: set, Dir: dir, HostKey: signer, Code: code, Host: opts.host,
		MaxParticipants: opts.maxParticipants, IdleTimeout: opts.idleTimeout, MaxTime: opts.maxTime, MinGroup: opts.minGroup,
		LoginGraceTime: opts.loginGrace, MaxStartups: opts.maxStartups, MaxStartupsPerAddress: opts.maxStartupsPerAddress,
		Render: dashboard.Render(set), Formats: report.Results.Names(),
		Now: opts.Now, Tool: opts.Tool(), Round: round,
		About: func(l *lang.Lang, role string) string {
			return report.About(l, round, role, feedback.DefaultMinGroup)
		},
		OnEvent: func(e workshopsrv.Event) { sink(e) },
	})
	if err != nil {
		l.Close()
		return err
	}
	info := srv.Info(l.Addr())
	info.Log = cmp.Or(opts.log, filepath.Join(dir, "workshop.log"))
	logFile, err := dashboard.OpenLog(info.Log)
	if err != nil {
		l.Close()
		return err
	}
	defer logFile.Close()
	io.WriteString(logFile, dashboard.Listening(info))
	screen := dashboard.Screen{In: opts.IO.In, ErrOut: opts.IO.ErrOut, Renderer: opts.IO.ErrRenderer(), Live: opts.IO.ErrTTY && opts.IO.InTTY, Pages: info.Pages}
	sum, now, err := dashboard.Serve(opts.Ctx, srv, l, info, logFile, screen, &sink)
	if !sum {
		return err
	}
	if err := opts.summary(srv.Stop(now), dir, round != nil); err != nil {
		return err
	}
	if now {
		return context.Canceled
	}
	return opts.Ctx.Err()
}

// summary writes the room's final group summary to stdout, or says on
// stderr why there is none; for a feedback round, where the feedback is
// and how to report on it. The summary is `digilead cohort DIR`'s (with
// the workshop's --bank and --min-group), by the same code: every result
// in the folder, not the dashboard's, which moves in steps of --min-group.
func (opts *workshopOptions) summary(st workshopsrv.Status, dir string, round bool) error {
	opts.Say("%s", dashboard.Stopped(st, dir, round))
	if round {
		return nil
	}
	// The folder is read although the signal that stopped the server cancelled Ctx.
	err := opts.cohort(opts.WithContext(context.WithoutCancel(opts.Ctx)), dir, opts.bank, opts.minGroup)
	if errors.Is(err, cohort.ErrTooSmall) || err != nil && st.Finished < opts.minGroup {
		opts.Say("%s", dashboard.NoSummary(dir))
		return nil
	}
	return err
}
