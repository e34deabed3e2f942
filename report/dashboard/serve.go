package dashboard

import (
	"context"
	"fmt"
	"io"
	"net"

	"github.com/charmbracelet/lipgloss"

	"github.com/digilead/digilead/assessment/workshop"
)

// Screen is where the trainer watches a workshop: the live dashboard when
// Live (stdin and stderr are a terminal), else one plain line per event
// on ErrOut.
type Screen struct {
	In       io.Reader
	ErrOut   io.Writer
	Renderer *lipgloss.Renderer
	Live     bool
	// Pages is how many question pages the bank asked has.
	Pages int
}

// Serve serves srv on l until the workshop is over: on the live
// dashboard, as Dashboard.Run says; else until ctx is done. Every event
// goes to log and to the screen through *sink, which srv's OnEvent
// calls. sum says whether the workshop is to be stopped and summed up
// (srv.Stop(now)); if not, err is why (the dashboard failed and srv is
// closed, or srv stopped serving).
func Serve(ctx context.Context, srv *workshop.Server, l net.Listener, info workshop.Info, log io.Writer, s Screen, sink *func(workshop.Event)) (sum, now bool, err error) {
	served := make(chan error, 1)
	if s.Live {
		d := New(info, srv, s.Pages)
		*sink = Tee(d.Event, Log(log))
		go func() { served <- srv.Serve(l) }()
		if err := d.Run(s.In, s.ErrOut, s.Renderer, ctx.Done()); err != nil {
			srv.Close()
			return false, false, fmt.Errorf("dashboard: %w", err)
		}
		return true, d.StoppedNow, nil
	}
	*sink = Tee(Log(s.ErrOut), Log(log))
	io.WriteString(s.ErrOut, Listening(info))
	go func() { served <- srv.Serve(l) }()
	select {
	case <-ctx.Done():
		return true, false, nil
	case err := <-served:
		return false, false, err
	}
}
