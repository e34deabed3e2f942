package main

import (
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
port, code, host key fingerprint), who is where and, once --min-group have
finished, the group's anonymous summary. q stops taking newcomers and waits
for those answering; a second q or Ctrl-C stops at once (drafts are kept:
participants resume when the server is started again). Elsewhere, one
plain line per event goes to stderr, and SIGINT or SIGTERM stop as q does.
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
	f.IntVar(&o.minGroup, "min-group", cohort.DefaultMinGroup, "show the group summary once `N` have finished")
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
	case o.idleTimeout <= 0 || o.maxTime <= 0:
		return usageError("--idle-timeout and --max-time must be more than 0")
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
	signer, created, err := workshopsrv.HostKey(keyPath)
	if err != nil && o.hostKey != "" {
		return fmt.Errorf("--host-key: %w", err)
	}
	if err != nil {
		return err
	}
	if created {
		a.say("digilead: created the workshop host key %s; it is reused at every workshop\n", keyPath)
	}
	code := o.code
	if o.open {
		a.say("digilead: warning: --open asks no workshop code: anyone who can reach this port can take part and fill the results folder\n")
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
		Render: renderFor(set), Formats: report.Results.Names(),
		Now: a.now, Tool: a.tool(),
		OnEvent: func(e workshopsrv.Event) { sink(e) },
	})
	if err != nil {
		l.Close()
		return err
	}
	info := srv.Info(l.Addr())
	served := make(chan error, 1)
	var stoppedNow bool
	if a.io.ErrTTY && a.io.InTTY {
		d := dashboard.New(info, srv, form.Pages(b))
		sink = d.Event
		go func() { served <- srv.Serve(l) }()
		if err := d.Run(a.io.In, a.io.ErrOut, a.io.ErrRenderer(), ctx.Done()); err != nil {
			srv.Close()
			return fmt.Errorf("dashboard: %w", err)
		}
		stoppedNow = d.StoppedNow
	} else {
		sink = dashboard.Log(a.io.ErrOut)
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
	a.say("digilead: workshop stopped: %d finished, %d dropped; results in %s\n", st.Finished, st.Dropped, abs)
	if st.Cohort == nil {
		a.say("digilead: no group summary: fewer than --min-group results. Later: digilead cohort %s\n", abs)
		return nil
	}
	render, err := report.Cohorts.Lookup("text")
	if err != nil {
		return err
	}
	out := report.NewOutput(a.io, "")
	return out.Write(func(w io.Writer) error { return render(w, st.Cohort, out.Options(false)) })
}
