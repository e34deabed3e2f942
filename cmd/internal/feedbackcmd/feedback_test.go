package feedbackcmd

import (
	"context"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/report/iostreams"
)

// TestFeedbackInviteRolesRepeat: --roles may be repeated, and an empty
// --roles is every role, as a StringSlice flag reads them; after a role
// it adds none.
func TestFeedbackInviteRolesRepeat(t *testing.T) {
	for args, want := range map[string][]string{
		"--roles peer --roles report,peer": {"peer", "report"},
		"--roles=":                         feedback.Roles,
		"--roles peer --roles=":            {"peer"},
	} {
		var got *feedbackInviteOptions
		f := cmdutil.NewFactory(context.Background(), &iostreams.IOStreams{Getenv: func(string) string { return "" }}, "")
		cmd := newFeedbackInviteCmd(f, func(o *feedbackInviteOptions) error { got = o; return nil })
		cmd.SetArgs(append([]string{"--name", "Sam"}, strings.Fields(args)...))
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%s: %v", args, err)
		}
		roles, err := feedback.CheckRoles(got.roles)
		if err != nil || strings.Join(roles, ",") != strings.Join(want, ",") {
			t.Errorf("%s: roles %q (%v), want %q", args, roles, err, want)
		}
	}
}
