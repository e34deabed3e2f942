package workshop

import (
	"cmp"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/ssh"

	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/assessment/session"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/form"
	"github.com/digilead/digilead/questions/lang"
)

// observe runs one observer's feedback on the round the server takes
// (Config.Round), in place of an assessment: after the code they pick the
// role they answer in, answer the bank's observer questions in the
// observer wording (the same session flow, drafts and resuming as a
// participant's), and the server saves a digilead.feedback/v1 document in
// the results folder, naming no one. A token whose feedback is saved is
// thanked, not asked again.
func (s *Server) observe(sess ssh.Session, t tty, p *live, st *participantStore, langs []form.Language, tookOver bool) {
	r := s.cfg.Round
	resumeLine := s.resumeLine(sess, p.token)
	subject := cmp.Or(r.Subject, p.lang.T("feedback.this_person"))
	given := st.result() != ""
	detail := "new observer"
	switch {
	case given:
		detail = "back; their feedback is saved"
	case st.hasDraft():
		detail = "observer resuming"
	}
	if tookOver {
		detail += "; its earlier connection, still open, was closed"
	}
	s.emit(Event{Kind: Connected, Participant: p.n, Addr: host(sess.RemoteAddr()), User: shownUser(sess.User()), Pages: s.pages, Detail: detail})
	if given {
		s.setFinished(p)
		say(sess, "\r\n%s\r\n", p.lang.T("workshop.feedback.given", "Subject", subject))
		sess.Exit(0)
		return
	}
	role, ok := s.pickRole(t, p.lang, r, subject)
	if !ok {
		s.ended(p, "stopped by the participant")
		say(sess.Stderr(), "\r\n%s\r\n", p.lang.T("workshop.stopped", "Resume", resumeLine))
		sess.Exit(130)
		return
	}
	observer := session.ForObservers(langs)
	in := t.keys.reader()
	var formIn io.Reader = in
	if t.accessible {
		formIn = &lineEditor{in: in, echo: sess}
	}
	pty, _, _ := sess.Pty()
	err := session.Run(sess.Context(), session.Terminal{
		In: formIn, Out: sess, IsTerminal: true, Renderer: t.renderer, Term: pty.Term, Size: t.sizes.follow(), Shared: true,
	}, session.Options{
		Bank: s.cfg.Bank.ForObservers(), Theme: s.cfg.Theme, Accessible: t.accessible, Resume: st.hasDraft(),
		Now: s.cfg.Now, Tool: s.cfg.Tool, Languages: observer,
		About:         func(l *lang.Lang) string { return s.cfg.About(l, role) },
		Notice:        func(l *lang.Lang) string { return l.T("workshop.feedback.notice", "Resume", resumeLine) },
		Footer:        func(l *lang.Lang) string { return l.T("workshop.footer", "Resume", resumeLine) },
		ResumeCommand: func(bool) string { return resumeLine },
		Finish: func(a *questions.Answers, language string) error {
			in.Close()
			id, err := feedback.NewID(rand.Reader)
			if err != nil {
				return err
			}
			if _, err := st.SaveFeedback(feedback.New(r, s.cfg.Bank, role, a, s.cfg.Now(), id)); err != nil {
				return err
			}
			s.finishFeedback(p)
			say(sess, "\r\n%s\r\n", lang.Get(cmp.Or(language, p.lang.Tag())).T("workshop.feedback.thanks", "Subject", subject))
			return nil
		},
	}, st, nil)
	var failed *storeError
	if errors.As(err, &failed) && failed.result {
		s.ended(p, "feedback not saved")
		say(sess.Stderr(), "\r\n%s\r\n", p.lang.T("workshop.feedback.not_saved", "Resume", resumeLine))
		sess.Exit(1)
		return
	}
	s.endSession(sess, p, err, resumeLine)
}

// pickRole asks an observer the role they answer in, among the round's,
// as a numbered list read line by line; ok is false when they stop
// (Ctrl-C, Ctrl-D, a closed connection).
func (s *Server) pickRole(t tty, l *lang.Lang, r *feedback.Round, subject string) (role string, ok bool) {
	var sb strings.Builder
	sb.WriteString("\r\n" + l.T("workshop.feedback.pick", "Subject", subject) + "\r\n\r\n")
	for i, role := range r.Roles {
		fmt.Fprintf(&sb, "  %d. %s\r\n", i+1, l.T("feedback.invite.role."+role))
	}
	say(t.sess, "%s", sb.String())
	for {
		say(t.sess, "\r\n%s ", l.T("workshop.feedback.number", "N", len(r.Roles)))
		line, ok := readLine(t.keys, t.sess)
		if !ok {
			return "", false
		}
		if n, err := strconv.Atoi(strings.TrimSpace(line)); err == nil && n >= 1 && n <= len(r.Roles) {
			return r.Roles[n-1], true
		}
	}
}

// finishFeedback records an observer's saved feedback: they are done.
func (s *Server) finishFeedback(p *live) {
	s.mu.Lock()
	s.done(p)
	s.given++
	s.mu.Unlock()
	s.emit(Event{Kind: Finished, Participant: p.n, Pages: s.pages, Detail: "feedback saved"})
}

// SaveFeedback saves an observer's feedback in the results directory under
// a name no other file has (feedback-COMPLETED-TAG.json, the tag derived
// from the token without giving it away).
func (p *participantStore) SaveFeedback(f *feedback.Feedback) (string, error) {
	var path string
	err := p.write(func() (err error) {
		path, err = store.WriteFeedback(p.dir, "feedback-"+f.CompletedAt.UTC().Format("2006-01-02T150405Z")+"-"+tokenTag(p.token), f)
		return err
	})
	if errors.Is(err, errReplaced) {
		return "", err
	}
	if err != nil {
		p.s.notSaved(p, fmt.Sprintf("feedback not saved: %v; the observer's draft is kept", err))
		return "", &storeError{result: true, err: err}
	}
	return path, nil
}
