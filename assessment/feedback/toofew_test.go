package feedback_test

import (
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/feedback"
)

func TestTooFewSaysWhatTheReportShowsInstead(t *testing.T) {
	for _, c := range []struct {
		groups []feedback.Group
		want   string
	}{
		{nil, "too few raters (2) to show others' view without exposing someone (--min-group 3); the report shows the person's own view"},
		{[]feedback.Group{{Kind: "manager"}}, "the report shows the person's own view and the manager's, which is not anonymous"},
		{[]feedback.Group{{Kind: "manager"}, {Kind: "everyone"}}, ""},
	} {
		r := &feedback.Report{Raters: 2, MinGroup: 3, Groups: c.groups}
		if got := r.TooFew("--min-group 3"); c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("%+v: TooFew() = %q, want %q", c.groups, got, c.want)
		}
	}
}
