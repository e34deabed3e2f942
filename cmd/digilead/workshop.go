package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/store"
	workshopsrv "github.com/digilead/digilead/assessment/workshop"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/form"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/report"
	"github.com/digilead/digilead/report/dashboard"
)

func newWorkshopCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "workshop",
		Short: "Run a workshop: participants answer over SSH from their own laptops",
		Args:  noArgs,
	}
	cmd.AddCommand(newWorkshopServeCmd(a))
	return cmd
}

// workshopOptions are the flags of `digilead workshop serve`.
type workshopOptions struct {
	banks, translations                  []string
	results, listen, code, hostKey, host string
	open                                 bool
	maxParticipants, minGroup            int
	idleTimeout, maxTime                 time.Duration
	loginGrace                           time.Duration
	maxStartups, log                     string
	maxStartupsPerAddress                int
}

func newWorkshopServeCmd(a *app) *cobra.Command {
	o := &workshopOptions{}
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
port, code, host key fingerprint), how many are where and, once --min-group
have finished, the group's anonymous summary; it shows no names or
addresses, as it may be projected. q stops taking newcomers and waits for
those answering; a second q or Ctrl-C stops at once (drafts are kept:
participants resume when the server is started again). Elsewhere, one
plain line per event goes to stderr, and SIGINT or SIGTERM stop as q does.
Either way, every event with its details goes to the log file (--log).
The group summary is written to stdout when the server stops.

See docs/workshop.md for the trainer's guide.`,
		Example: `  digilead workshop serve
  digilead workshop serve --code lamp-wave-oak --results ./team-day
  digilead workshop serve --listen :2200 --max-participants 40 2>workshop.log`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWorkshopServe(a, cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	addBankFlag(cmd, &o.banks, "question bank file or directory (default: the built-in bank, with its Welsh and French)")
	f.StringArrayVar(&o.translations, "translations", nil, "a `DIR`ectory of translation files of the bank (repeatable); each participant is asked in their SSH client's language (LANG) or chooses on the welcome page")
	f.StringVar(&o.results, "results", "", "`FOLDER` for the results (default: ./digilead-workshop-YYYY-MM-DD, created 0700)")
	f.StringVar(&o.listen, "listen", ":2222", "`ADDRESS:PORT` to listen on")
	f.StringVar(&o.code, "code", "", "the workshop code participants give as password (default: three words, generated)")
	f.BoolVar(&o.open, "open", false, "ask no code: anyone who can reach the port can take part")
	f.IntVar(&o.maxParticipants, "max-participants", 200, "most questionnaires at once; more are turned away politely")
	f.DurationVar(&o.idleTimeout, "idle-timeout", 30*time.Minute, "end a questionnaire nobody typed in for this long (its draft is kept)")
	f.DurationVar(&o.maxTime, "max-time", 3*time.Hour, "end any session after this long (its draft is kept)")
	f.StringVar(&o.hostKey, "host-key", "", "host key `FILE` (default: created once in the data directory and reused)")
	f.StringVar(&o.host, "host", "", "the name or address participants type, for the lines they are shown (default: the address they reached)")
	f.IntVar(&o.minGroup, "min-group", cohort.DefaultMinGroup, "show the group summary once `N` have finished, and update it in steps of N")
	f.DurationVar(&o.loginGrace, "login-grace-time", workshopsrv.DefaultLoginGraceTime, "close a connection that has not logged in and begun a session within this long")
	f.StringVar(&o.maxStartups, "max-startups", "", "connections not logged in yet, as `START:RATE:FULL`: from START on a new one is refused with RATE% chance, rising to all at FULL (default N:30:2N, N being --max-participants)")
	f.IntVar(&o.maxStartupsPerAddress, "max-startups-per-address", 0, "connections not logged in yet from one address (default --max-participants)")
	f.StringVar(&o.log, "log", "", "the trainer's log `FILE`: every connection, refusal and error, with addresses (default: workshop.log in the results folder, 0600)")
	return cmd
}

func runWorkshopServe(a *app, ctx context.Context, o *workshopOptions) error {
	switch {
	case o.open && o.code != "":
		return usageError("--code and --open cannot be used together: --open asks no code")
	case o.maxParticipants < 1:
		return usageError("--max-participants: must be 1 or more, got %d", o.maxParticipants)
	case o.minGroup < 1:
		return usageError("--min-group: must be 1 or more, got %d", o.minGroup)
	case o.idleTimeout <= 0 || o.maxTime <= 0 || o.loginGrace <= 0:
		return usageError("--idle-timeout, --max-time and --login-grace-time must be more than 0")
	case o.maxStartupsPerAddress < 0:
		return usageError("--max-startups-per-address: must be 1 or more, got %d", o.maxStartupsPerAddress)
	}
	var startups workshopsrv.Startups // zero: sized by --max-participants
	if o.maxStartups != "" {
		var err error
		if startups, err = workshopsrv.ParseStartups(o.maxStartups); err != nil {
			return usageError("--max-startups: %v", err)
		}
	}
	set, err := loadSet(o.banks, o.translations)
	if err != nil {
		return err
	}
	b := set.Bank
	dir := o.results
	if dir == "" {
		dir = "digilead-workshop-" + a.now().Format("2006-01-02")
	}
	keyPath := o.hostKey
	if keyPath == "" {
		st, err := store.Open(a.io.Getenv)
		if err != nil {
			return err
		}
		keyPath = filepath.Join(st.Dir, workshopsrv.HostKeyName)
	}
	signer, note, err := workshopsrv.HostKey(keyPath)
	if err != nil {
		return err
	}
	if note != "" {
		a.io.Sayf("digilead: %s\n", note)
	}
	code := o.code
	if o.open {
		a.io.Sayf("digilead: warning: --open asks no workshop code: anyone who can reach this port can take part and fill the results folder\n")
	} else if code == "" {
		code = workshopsrv.NewCode()
	}
	l, err := net.Listen("tcp", o.listen)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w\nChoose another port with --listen, e.g. --listen :2200", o.listen, errors.Unwrap(err))
	}
	var sink func(workshopsrv.Event)
	srv, err := workshopsrv.New(workshopsrv.Config{
		Set: set, Dir: dir, HostKey: signer, Code: code, Host: o.host,
		MaxParticipants: o.maxParticipants, IdleTimeout: o.idleTimeout, MaxTime: o.maxTime, MinGroup: o.minGroup,
		LoginGraceTime: o.loginGrace, MaxStartups: startups, MaxStartupsPerAddress: o.maxStartupsPerAddress,
		Render: renderFor(set), Formats: report.Results.Names(),
		Now: a.now, Tool: a.tool(),
		OnEvent: func(e workshopsrv.Event) { sink(e) },
	})
	if err != nil {
		l.Close()
		return err
	}
	info := srv.Info(l.Addr())
	info.Log = cmp.Or(o.log, filepath.Join(dir, "workshop.log"))
	logFile, err := dashboard.OpenLog(info.Log)
	if err != nil {
		l.Close()
		return err
	}
	defer logFile.Close()
	io.WriteString(logFile, dashboard.Listening(info))
	served := make(chan error, 1)
	var stoppedNow bool
	if a.io.ErrTTY && a.io.InTTY {
		d := dashboard.New(info, srv, form.Pages(b))
		sink = dashboard.Tee(d.Event, dashboard.Log(logFile))
		go func() { served <- srv.Serve(l) }()
		if err := d.Run(a.io.In, a.io.ErrOut, a.io.ErrRenderer(), ctx.Done()); err != nil {
			srv.Close()
			return fmt.Errorf("dashboard: %w", err)
		}
		stoppedNow = d.StoppedNow
	} else {
		sink = dashboard.Tee(dashboard.Log(a.io.ErrOut), dashboard.Log(logFile))
		io.WriteString(a.io.ErrOut, dashboard.Listening(info))
		go func() { served <- srv.Serve(l) }()
		select {
		case <-ctx.Done():
		case err := <-served:
			return err
		}
		srv.Drain()
		<-srv.Idle() // a second signal ends the process at once (main)
	}
	if stoppedNow {
		srv.Close()
	} else {
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		srv.Shutdown(sctx)
		cancel()
		srv.Close()
	}
	if err := workshopSummary(a, srv, dir); err != nil {
		return err
	}
	if stoppedNow || ctx.Err() != nil {
		return errInterrupted
	}
	return nil
}

// renderFor draws a result for a participant in a format of
// report.Results (the formats for people render a sanitised copy), in
// their language: one of set's.
func renderFor(set *questions.Set) workshopsrv.Render {
	return func(w io.Writer, r *assessment.Result, format string, look workshopsrv.Look) error {
		render, err := report.Results.Lookup(format)
		if err != nil {
			return err
		}
		tag := look.Language
		if _, ok := lang.Match(tag, set.Languages()); !ok {
			tag = set.Languages()[0]
		}
		o := report.Options{Width: look.Width, Renderer: look.Renderer, Accessible: look.Accessible, Language: reportLanguage(set, tag)}
		return render(w, r, o)
	}
}

// workshopSummary writes the final group summary to stdout, or says on
// stderr why there is none.
func workshopSummary(a *app, srv *workshopsrv.Server, dir string) error {
	st := srv.Status()
	abs, _ := filepath.Abs(dir)
	a.io.Sayf("digilead: workshop stopped: %d finished, %d dropped; results in %s\n", st.Finished, st.Dropped, abs)
	if st.NotSaved > 0 {
		a.io.Sayf("digilead: %d results could not be saved (the log says which and why); their drafts are kept in %s: make the folder writable, start the server again, and those participants finish with the line they were shown\n", st.NotSaved, filepath.Join(abs, ".drafts"))
	}
	if st.Cohort == nil {
		a.io.Sayf("digilead: no group summary: fewer than --min-group results. Later: digilead cohort %s\n", abs)
		return nil
	}
	render, err := report.Cohorts.Lookup("text")
	if err != nil {
		return err
	}
	out := a.io.Output("")
	return out.Write(func(w io.Writer) error { return render(w, st.Cohort, out.ReportOptions(false)) })
}
