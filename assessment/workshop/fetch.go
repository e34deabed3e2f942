package workshop

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/ssh"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// fetch writes a participant's result to the session's output: the
// saved JSON as it is, or another format (--format). It needs the token,
// so nobody reaches another participant's result.
func (s *Server) fetch(sess ssh.Session, args []string) {
	token, format, err := fetchArgs(args, s.cfg.Formats)
	if err != nil {
		s.refuse(sess, "fetch: "+err.Error(), 2, "digilead: fetch: %s\nUse: %s\n", err, s.fetchLine(sess, "TOKEN", " [--format "+strings.Join(s.cfg.Formats, "|")+"] > FILE"))
		return
	}
	st := s.store(token)
	r, data, err := st.loadResult()
	if err != nil {
		msg := "digilead: there is no result for this token. Check it against the line shown at the end of your questionnaire.\n"
		if st.hasDraft() {
			msg = fmt.Sprintf("digilead: this questionnaire is not finished yet. Finish it first: %s\n", s.resumeLine(sess, token))
		}
		s.refuse(sess, "fetch: no result for the token given", 1, "%s", msg)
		return
	}
	if format == "json" {
		_, err = sess.Write(data)
	} else {
		err = s.cfg.Render(sess, headed(r, lang.Get(cmp.Or(r.Language, questions.BankLanguage(s.cfg.Bank)))), format, Look{})
	}
	if err != nil {
		fmt.Fprintf(sess.Stderr(), "digilead: %v\n", err)
		sess.Exit(1)
		return
	}
	s.emit(Event{Kind: Fetched, Addr: host(sess.RemoteAddr()), Detail: format})
	sess.Exit(0)
}

// fetchArgs reads "TOKEN [--format F]" (also -f F, --format=F).
func fetchArgs(args []string, formats []string) (token, format string, err error) {
	format = "json"
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--format" || a == "-f":
			if i+1 >= len(args) {
				return "", "", fmt.Errorf("%s needs a format", a)
			}
			i++
			format = args[i]
		case strings.HasPrefix(a, "--format="):
			format = strings.TrimPrefix(a, "--format=")
		case token == "" && !strings.HasPrefix(a, "-"):
			token = a
		default:
			return "", "", fmt.Errorf("unexpected %q", safe(a))
		}
	}
	switch {
	case token == "":
		return "", "", fmt.Errorf("give your token (the name in the line shown at the end of your questionnaire)")
	case !IsToken(token):
		return "", "", fmt.Errorf("%q is not a token", safe(token))
	case !slices.Contains(formats, format):
		return "", "", fmt.Errorf("unknown format %q; use one of %s", safe(format), strings.Join(formats, ", "))
	}
	return token, format, nil
}
