package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/assessment/workshop/workshoptest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/e2e"
)

const observedBank = "testdata/observed-bank.yaml"

// feedbackRun is a round on the observed test bank with a data
// directory of its own, and a folder collecting its feedback.
type feedbackRun struct {
	t          *testing.T
	env        []string
	dir, round string
}

func newFeedbackRun(t *testing.T) *feedbackRun {
	t.Helper()
	dir := t.TempDir()
	r := &feedbackRun{t: t, dir: dir, env: []string{"XDG_DATA_HOME=" + filepath.Join(dir, "data")}}
	c := r.run("", "feedback", "invite", "--bank", observedBank, "--name", "Sam Jones", "--format", "json")
	if c.code != 0 {
		t.Fatalf("invite: exit %d: %s", c.code, c.stderr)
	}
	var round feedback.Round
	if err := json.Unmarshal([]byte(c.stdout), &round); err != nil {
		t.Fatal(err)
	}
	r.round = round.Round
	os.MkdirAll(filepath.Join(dir, "in"), 0o700)
	return r
}

func (r *feedbackRun) run(stdin string, args ...string) runOut {
	r.t.Helper()
	return digilead(r.t, stdin, r.env, args...)
}

// give answers the round as role with every observer question at v (a3
// reversed), and writes the feedback to the collecting folder as name.
func (r *feedbackRun) give(role string, v int, name string) string {
	r.t.Helper()
	answers := fmt.Sprintf(`{"answers": {"a1": %d, "a2": %d, "a3": %d, "b1": %d, "b2": %d}}`, v, v, 6-v, v, v)
	out := filepath.Join(r.dir, "in", name)
	c := r.run(answers, "feedback", "give", "--bank", observedBank, "--round", r.round, "--role", role, "--answers", "-", "-o", out)
	if c.code != 0 {
		r.t.Fatalf("give: exit %d: %s", c.code, c.stderr)
	}
	return out
}

// self is the person's own result, every question at v.
func (r *feedbackRun) self(v int) string {
	r.t.Helper()
	answers := fmt.Sprintf(`{"respondent": {"name": "Sam Jones"}, "answers": {"a1": %d, "a2": %d, "a3": %d, "a4": true, "b1": %d, "b2": %d, "b3": %d, "g1": 3, "g2": 3}}`, v, v, 6-v, v, v, v)
	out := filepath.Join(r.dir, "me.json")
	c := r.run(answers, "assess", "--bank", observedBank, "--answers", "-", "--format", "json", "-o", out)
	if c.code != 0 {
		r.t.Fatalf("assess: exit %d: %s", c.code, c.stderr)
	}
	return out
}

func TestFeedbackInvite(t *testing.T) {
	data := t.TempDir()
	env := []string{"XDG_DATA_HOME=" + data}
	c := digilead(t, "", env, "feedback", "invite", "--bank", observedBank, "--name", "Sam Jones", "--closes", "2026-12-18", "--roles", "peer,report")
	if c.code != 0 {
		t.Fatalf("exit %d: %s", c.code, c.stderr)
	}
	id := regexp.MustCompile(`--round ([a-z2-7]{26}) `).FindStringSubmatch(c.stdout)
	if id == nil || !strings.Contains(c.stdout, "Sam Jones is asking for your view") || !strings.Contains(c.stdout, "Please answer by 2026-12-18.") || !strings.Contains(c.stdout, "peer (you work alongside them) and report") {
		t.Fatalf("instructions:\n%s", c.stdout)
	}
	// The bank by its file name alone: its path is on the inviter's
	// machine.
	if !strings.Contains(c.stdout, "--roles peer,report --bank observed-bank.yaml --role ROLE -o feedback.json") || !strings.Contains(c.stdout, "question bank file it names (observed-bank.yaml), sent to\nyou with this invitation") || strings.Contains(c.stdout, "testdata") {
		t.Errorf("observers are not told the bank's file, or told where it is on the inviter's machine:\n%s", c.stdout)
	}
	if strings.Contains(c.stdout, "manager") {
		t.Errorf("a round without managers speaks of them:\n%s", c.stdout)
	}
	path := filepath.Join(data, "digilead", "rounds", id[1]+".json")
	checkMode(t, path, 0o600)
	saved, _ := os.ReadFile(path)
	schematest.Validate(t, "round.schema.json", saved)
	if !strings.Contains(c.stderr, path) {
		t.Errorf("stderr does not say where the round is: %s", c.stderr)
	}
	j := digilead(t, "", env, "feedback", "invite", "--bank", observedBank, "--name", "Sam", "--format", "json")
	var doc map[string]any
	if err := json.Unmarshal([]byte(j.stdout), &doc); err != nil || !feedback.IsID(fmt.Sprint(doc["round"])) || doc["subject"] != "Sam" {
		t.Errorf("--format json: %v\n%s", err, j.stdout)
	}
	schematest.Validate(t, "round.schema.json", []byte(j.stdout))
}

func TestFeedbackInviteRefuses(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--bank", observedBank}, "--name: give the name"},
		{[]string{"--bank", observedBank, "--name", "Sam", "--roles", "peers"}, `--roles: unknown role "peers" (did you mean "peer"?)`},
		{[]string{"--bank", observedBank, "--name", "Sam", "--roles", "manager,,peer"}, `--roles: unknown role ""`},
		{[]string{"--bank", observedBank, "--name", "Sam", "--roles", "peer,"}, `--roles: unknown role ""`},
		{[]string{"--bank", observedBank, "--name", "Sam", "--roles", ","}, `--roles: unknown role ""`},
		{[]string{"--bank", observedBank, "--name", "Sam", "--closes", "18/12/2026"}, "--closes: closing date"},
		{[]string{"--bank", observedBank, "--name", "Sam", "--closes", "2020-01-01"}, "in the past"},
		{[]string{"--bank", "testdata/stats-bank.yaml", "--name", "Sam"}, "no question with observer wording"},
	} {
		got := digilead(t, "", nil, append([]string{"feedback", "invite"}, c.args...)...)
		if got.code != 2 || !strings.Contains(got.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, got.code, got.stderr, c.want)
		}
	}
}

func TestFeedbackGiveAnswers(t *testing.T) {
	r := newFeedbackRun(t)
	// A respondent in the answers file is not kept: feedback names no one.
	// An observer may answer "na" (cannot say) even where the person may
	// not (a2 has allow_na: false).
	c := r.run(`{"respondent": {"name": "Alex"}, "answers": {"a1": 4, "a2": "na", "b1": "na"}}`, "feedback", "give", "--bank", observedBank, "--round", r.round, "--role", "peer", "--answers", "-")
	if c.code != 0 {
		t.Fatalf("exit %d: %s", c.code, c.stderr)
	}
	schematest.Validate(t, "feedback.schema.json", []byte(c.stdout))
	if strings.Contains(c.stdout, "Alex") || !strings.Contains(c.stdout, `"role": "peer"`) || !strings.Contains(c.stdout, `"round": "`+r.round+`"`) {
		t.Errorf("feedback:\n%s", c.stdout)
	}
	// The round file works as well as its id.
	file := filepath.Join(r.dir, "round.json")
	inv := r.run("", "feedback", "invite", "--bank", observedBank, "--name", "Kim", "--roles", "peer", "--format", "json", "-o", file)
	if inv.code != 0 {
		t.Fatal(inv.stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--round", r.round, "--role", "boss"}, `--role: unknown role "boss"; use one of manager, peer, report, other`},
		{[]string{"--round", file, "--role", "manager"}, `--role: role "manager" is not one of round`},
		{[]string{"--round", "nonsense", "--role", "peer"}, "neither a round id"},
		{[]string{"--round", r.round}, "--role: give your role"},
		{[]string{"--role", "peer"}, "--round: give the round"},
	} {
		got := r.run(`{"answers": {"a1": 4}}`, append([]string{"feedback", "give", "--bank", observedBank, "--answers", "-"}, c.args...)...)
		if got.code != 2 || !strings.Contains(got.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, got.code, got.stderr, c.want)
		}
	}
	// A self-only question is not an observer's to answer; the error
	// says where, as every other answers-file error does.
	got := r.run("answers:\n  a1: 4\n  a4: true\n", "feedback", "give", "--bank", observedBank, "--round", r.round, "--role", "peer", "--answers", "-")
	if got.code != 2 || !strings.Contains(got.stderr, "stdin:3: a4: a question for the person themself") {
		t.Errorf("self-only answer: exit %d, %s", got.code, got.stderr)
	}
	// A round made on one bank is not answered with another.
	got = r.run(`{"answers": {}}`, "feedback", "give", "--round", r.round, "--role", "peer", "--answers", "-")
	if got.code != 2 || !strings.Contains(got.stderr, "--bank: round "+r.round+" is on bank observed-test 1") {
		t.Errorf("another bank: exit %d, %s", got.code, got.stderr)
	}
}

func TestFeedbackReport(t *testing.T) {
	r := newFeedbackRun(t)
	self := r.self(5)
	r.give("manager", 4, "m.json")
	for i := range 4 {
		r.give("peer", 2, fmt.Sprintf("p%d.json", i))
	}
	r.give("report", 2, "r1.json")
	r.give("report", 2, "r2.json")
	in := filepath.Join(r.dir, "in")
	c := r.run("", "feedback", "report", "--bank", observedBank, "--self", self, "--format", "json", in)
	if c.code != 0 {
		t.Fatalf("exit %d: %s", c.code, c.stderr)
	}
	schematest.Validate(t, "feedback-report.schema.json", []byte(c.stdout))
	var rep feedback.Report
	if err := json.Unmarshal([]byte(c.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Raters != 7 || len(rep.Groups) != 2 || rep.Dimensions[0].Flag != feedback.BlindSpot {
		t.Errorf("report: %d raters, groups %+v, alpha %+v", rep.Raters, rep.Groups, rep.Dimensions[0])
	}
	// peers (4) beside everyone but the manager (6) would give away the
	// two direct reports.
	if !strings.Contains(c.stdout, `"reason": "difference"`) {
		t.Errorf("the peers' figure is not withheld:\n%s", c.stdout)
	}
	for format, want := range map[string]string{"text": "Others' view", "markdown": "# Others' view", "html": "<h1>Others&#39; view"} {
		got := r.run("", "feedback", "report", "--bank", observedBank, "--self", self, "--format", format, in)
		if got.code != 0 || !strings.Contains(got.stdout, want) || !strings.Contains(got.stdout, "blind spot") {
			t.Errorf("%s: exit %d %s\n%s", format, got.code, got.stderr, got.stdout)
		}
	}
	// From stdin, the same document twice: counted once.
	m, _ := os.ReadFile(filepath.Join(in, "m.json"))
	var lines []string
	for _, name := range []string{"m.json", "p0.json", "p1.json", "p2.json"} {
		data, _ := os.ReadFile(filepath.Join(in, name))
		var v any
		json.Unmarshal(data, &v)
		one, _ := json.Marshal(v)
		lines = append(lines, string(one))
	}
	var mv any
	json.Unmarshal(m, &mv)
	dup, _ := json.Marshal(mv)
	lines = append(lines, string(dup))
	got := r.run(strings.Join(lines, "\n")+"\n", "feedback", "report", "--bank", observedBank, "--self", self, "--format", "json")
	if got.code != 0 || !strings.Contains(got.stderr, "1 feedback document read twice, counted once, e.g. stdin:5, already read at stdin:1") || !strings.Contains(got.stdout, `"raters": 4`) {
		t.Errorf("duplicate: exit %d, %s\n%s", got.code, got.stderr, got.stdout)
	}
}

func TestFeedbackReportLeavesTheSelfResultOutOfTheFolder(t *testing.T) {
	r := newFeedbackRun(t)
	in := filepath.Join(r.dir, "in")
	for i := range 3 {
		r.give("peer", 3, fmt.Sprintf("p%d.json", i))
	}
	self := r.self(4)
	mine := filepath.Join(in, "me.json")
	data, _ := os.ReadFile(self)
	os.WriteFile(mine, data, 0o600)
	c := r.run("", "feedback", "report", "--bank", observedBank, "--self", mine, "--format", "json", in)
	if c.code != 0 || !strings.Contains(c.stdout, `"raters": 3`) {
		t.Errorf("exit %d, %s\n%s", c.code, c.stderr, c.stdout)
	}
}

// TestFeedbackReportTooFew: too few raters to show anything anonymous;
// the report says so and shows the person's own view, with the
// manager's beside it when they answered (not anonymous).
func TestFeedbackReportTooFew(t *testing.T) {
	for _, c := range []struct {
		roles          []string
		stderr, stdout string
		byGroup        bool
	}{
		{[]string{"peer", "peer"}, "the report shows the person's own view\n", "Only your own view is shown", false},
		// A round's folder no one has answered in yet.
		{nil, "in holds no *.json or *.jsonl files yet", "Only your own view is shown", false},
		{[]string{"manager", "peer"}, "own view and the manager's, which is not anonymous", "Only your own view and your", true},
	} {
		r := newFeedbackRun(t)
		self := r.self(4)
		for i, role := range c.roles {
			r.give(role, 2+i, fmt.Sprintf("f%d.json", i))
		}
		out := r.run("", "feedback", "report", "--bank", observedBank, "--self", self, filepath.Join(r.dir, "in"))
		if out.code != 0 || !strings.Contains(out.stderr, fmt.Sprintf("too few raters (%d) to show others' view without exposing someone (--min-group 3); ", len(c.roles))) || !strings.Contains(out.stderr, c.stderr) || !strings.Contains(out.stdout, c.stdout) || strings.Contains(out.stdout, "By group") != c.byGroup {
			t.Errorf("%v: exit %d, %s\n%s", c.roles, out.code, out.stderr, out.stdout)
		}
	}
}

func TestFeedbackReportRefuses(t *testing.T) {
	r := newFeedbackRun(t)
	self := r.self(4)
	r.give("peer", 3, "p1.json")
	// Feedback of another round, as a JSON Lines file: refused at its
	// line.
	other := newFeedbackRun(t)
	o := other.give("peer", 3, "o.json")
	p1, _ := os.ReadFile(filepath.Join(r.dir, "in", "p1.json"))
	od, _ := os.ReadFile(o)
	var a, b any
	json.Unmarshal(p1, &a)
	json.Unmarshal(od, &b)
	la, _ := json.Marshal(a)
	lb, _ := json.Marshal(b)
	mixed := filepath.Join(r.dir, "mixed.jsonl")
	os.WriteFile(mixed, []byte(string(la)+"\n"+string(lb)+"\n"), 0o600)
	c := r.run("", "feedback", "report", "--bank", observedBank, "--self", self, mixed)
	if c.code != 2 || !strings.Contains(c.stderr, mixed+":2: round: feedback of round "+other.round) {
		t.Errorf("another round: exit %d, %s", c.code, c.stderr)
	}
	// Another version of the bank.
	v2 := strings.Replace(string(la), `"version":"1"`, `"version":"2"`, 1)
	bad := filepath.Join(r.dir, "v2.json")
	os.WriteFile(bad, []byte(v2), 0o600)
	c = r.run("", "feedback", "report", "--bank", observedBank, "--self", self, filepath.Join(r.dir, "in", "p1.json"), bad)
	if c.code != 2 || !strings.Contains(c.stderr, bad+":1: bank: feedback on bank observed-test 2") || !strings.Contains(c.stderr, "1 feedback document could not be used (listed above); a report counts every answer of its round: fix or remove them (another bank: --bank)\n") {
		t.Errorf("another version: exit %d, %s", c.code, c.stderr)
	}
	// A self result of another bank.
	mine := filepath.Join(r.dir, "default.json")
	if got := r.run("", "assess", "--answers", example, "--format", "json", "-o", mine); got.code != 0 {
		t.Fatal(got.stderr)
	}
	c = r.run("", "feedback", "report", "--bank", observedBank, "--self", mine, filepath.Join(r.dir, "in"))
	if c.code != 2 || !strings.Contains(c.stderr, mine+": the self result is from bank public-sector-digital-leadership") {
		t.Errorf("self of another bank: exit %d, %s", c.code, c.stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--bank", observedBank, filepath.Join(r.dir, "in")}, "--self: give"},
		{[]string{"--bank", observedBank, "--self", self, "--min-group", "1", filepath.Join(r.dir, "in")}, "--min-group: must be 2 or more"},
	} {
		got := r.run("", append([]string{"feedback", "report"}, c.args...)...)
		if got.code != 2 || !strings.Contains(got.stderr, c.want) {
			t.Errorf("%v: exit %d, %s", c.args, got.code, got.stderr)
		}
	}
}

// TestTerminalFeedbackGiveCtrlCThenResume answers a round as an observer
// in a terminal: nothing of the observer is asked, the questions are in
// the observer wording, Ctrl-C keeps a draft of the round's own and
// --resume goes on from it.
func TestTerminalFeedbackGiveCtrlCThenResume(t *testing.T) {
	p := newPane(t)
	c := digilead(t, "", []string{"XDG_DATA_HOME=" + p.data}, "feedback", "invite", "--bank", observedBank, "--name", "Sam Jones", "--format", "json")
	var round feedback.Round
	if err := json.Unmarshal([]byte(c.stdout), &round); err != nil {
		t.Fatalf("%v: %s", err, c.stderr)
	}
	bank, _ := filepath.Abs(observedBank)
	give := []string{"feedback", "give", "--bank", bank, "--round", round.Round, "--role", "peer"}
	// answer waits until the question beginning text has the focus and
	// chooses its option-th point (from 0).
	answer := func(text string, option int) {
		p.waitFor("┃ " + text)
		for range option + 1 {
			p.keys("Down")
		}
		p.keys("Enter")
	}
	p.run(100, 30, "fb.json", give...)
	p.waitFor("These questions are about Sam Jones")
	if strings.Contains(p.screen(), "Your name") {
		t.Errorf("an observer is asked their name:\n%s", p.screen())
	}
	p.keys("Enter")
	answer("How often does this person share", 1)
	answer("How often does this person explain", 1)
	answer("How often does this person avoid", 3)
	p.waitFor("Page 2 of 2")
	p.keys("C-c")
	if code := p.exitCode(); code != 130 {
		t.Fatalf("Ctrl-C: exit %d; screen:\n%s", code, p.screen())
	}
	if h := p.history(); !strings.Contains(h, "--role peer --resume") {
		t.Errorf("Ctrl-C does not say how to go on:\n%s", h)
	}
	drafts, _ := filepath.Glob(filepath.Join(p.data, "digilead", "drafts", "*.json"))
	if len(drafts) != 1 || !strings.Contains(drafts[0], round.Round) {
		t.Fatalf("drafts: %v, want the round's", drafts)
	}
	checkMode(t, drafts[0], 0o600)

	p.run(100, 30, "fb.json", append(give, "--resume")...)
	answer("How often does this person ask", 4)
	answer("How often does this person test", 4)
	if code := p.exitCode(); code != 0 {
		t.Fatalf("resume: exit %d; screen:\n%s", code, p.screen())
	}
	data, err := os.ReadFile(filepath.Join(p.dir, "fb.json"))
	if err != nil {
		t.Fatal(err)
	}
	schematest.Validate(t, "feedback.schema.json", data)
	f, err := feedback.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]questions.Value{"a1": questions.IntValue(2), "a2": questions.IntValue(2), "a3": questions.IntValue(4), "b1": questions.IntValue(5), "b2": questions.IntValue(5)}
	if f.Round != round.Round || f.Role != "peer" || len(f.Answers) != len(want) {
		t.Fatalf("feedback = %+v", f)
	}
	for id, v := range want {
		if f.Answers[id].Num != v.Num {
			t.Errorf("answer %s = %+v, want %+v", id, f.Answers[id], v)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(p.data, "digilead", "drafts", "*.json")); len(left) != 0 {
		t.Errorf("drafts left: %v", left)
	}
	if saved, _ := filepath.Glob(filepath.Join(p.data, "digilead", "results", "*.json")); len(saved) != 0 {
		t.Errorf("an observer's answers were saved as a result: %v", saved)
	}
}

// TestWorkshopFeedbackRound runs a round in a room: the person invites,
// the trainer serves the round, observers answer over SSH with nothing
// to install, and the report is made from the results folder.
func TestWorkshopFeedbackRound(t *testing.T) {
	e2e.Slow(t) // a server process and SSH clients
	b := questions.Default()
	if !b.Observed() {
		t.Fatal("the built-in bank has no observer wording")
	}
	data := t.TempDir()
	env := []string{"XDG_DATA_HOME=" + data}
	roundFile := filepath.Join(data, "round.json")
	if c := digilead(t, "", env, "feedback", "invite", "--name", "Sam Jones", "--format", "json", "-o", roundFile); c.code != 0 {
		t.Fatal(c.stderr)
	}
	dir := filepath.Join(t.TempDir(), "room")
	s, _ := serveWorkshop(t, dir, map[string]string{"XDG_DATA_HOME": data, "HOME": data, "SOURCE_DATE_EPOCH": "1795428000"}, "--round", roundFile)
	obs := b.ForObservers()
	// Three peers and three direct reports.
	if err := workshoptest.ObserveAll(s.addr, workshopCode, []int{2, 2, 2, 3, 3, 3}, obs, workshopWait); err != nil {
		t.Fatalf("%v\nserver log:\n%s", err, s.logText())
	}
	if code := s.stop(t, syscall.SIGINT); code != exitInterrupted {
		t.Errorf("server exit %d", code)
	}
	if log := s.logText(); !strings.Contains(log, "6 observers gave feedback") || !strings.Contains(log, "digilead feedback report --self RESULT") {
		t.Errorf("the server's last words:\n%s", log)
	}
	self := filepath.Join(data, "me.json")
	if c := digilead(t, "", env, "assess", "--answers", example, "--format", "json", "-o", self); c.code != 0 {
		t.Fatal(c.stderr)
	}
	c := digilead(t, "", env, "feedback", "report", "--self", self, "--format", "json", dir)
	if c.code != 0 {
		t.Fatalf("report: exit %d: %s", c.code, c.stderr)
	}
	var rep feedback.Report
	if err := json.Unmarshal([]byte(c.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Raters != 6 || len(rep.Groups) != 3 {
		t.Errorf("report on the room: %d raters, groups %+v", rep.Raters, rep.Groups)
	}
}

func TestWorkshopServeRoundUsage(t *testing.T) {
	data := t.TempDir()
	env := []string{"XDG_DATA_HOME=" + data}
	other := filepath.Join(data, "round.json")
	if c := digilead(t, "", env, "feedback", "invite", "--bank", observedBank, "--name", "Sam", "--format", "json", "-o", other); c.code != 0 {
		t.Fatal(c.stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--round", "nonsense"}, "neither a round id"},
		{[]string{"--round", other}, "--bank: round"},
	} {
		r := digilead(t, "", env, append([]string{"workshop", "serve", "--results", t.TempDir()}, c.args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, %s", c.args, r.code, r.stderr)
		}
	}
}

// TestFeedbackReportBelowThePromisedMinGroup: the invitation promises
// observers figures of at least feedback.DefaultMinGroup people; a report
// asked with fewer says so.
func TestFeedbackReportBelowThePromisedMinGroup(t *testing.T) {
	r := newFeedbackRun(t)
	self := r.self(4)
	for i := range 4 {
		r.give("peer", 2+i%3, fmt.Sprintf("p%d.json", i))
	}
	for _, c := range []struct {
		min  string
		warn bool
	}{{"2", true}, {"3", false}, {"4", false}} {
		out := r.run("", "feedback", "report", "--bank", observedBank, "--self", self, "--min-group", c.min, filepath.Join(r.dir, "in"))
		if out.code != 0 || strings.Contains(out.stderr, "below the 3 the invitation promised observers") != c.warn {
			t.Errorf("--min-group %s: exit %d, %q", c.min, out.code, out.stderr)
		}
	}
}

// TestFeedbackInviteRolesCompletion: shell completion offers --roles
// again after a role (feedbackcmd's tests read the repeated flag).
func TestFeedbackInviteRolesCompletion(t *testing.T) {
	if c := digilead(t, "", nil, "__complete", "feedback", "invite", "--roles", "peer", "--"); !strings.Contains(c.stdout, "\n--roles\t") {
		t.Errorf("__complete feedback invite --roles peer --: %q", c.stdout)
	}
}

// TestFeedbackRoundRolesHoldFromInvitationToReport: a round offering
// peers and direct reports only. An observer given its id alone is told
// the roles by the invitation's command line, and give refuses another;
// a document in a role the round does not offer is refused by the report
// wherever the round is known (where it was made, or given by --round)
// and is shown in no figure.
func TestFeedbackRoundRolesHoldFromInvitationToReport(t *testing.T) {
	dir := t.TempDir()
	inviter := []string{"XDG_DATA_HOME=" + filepath.Join(dir, "inviter")}
	observer := []string{"XDG_DATA_HOME=" + filepath.Join(dir, "observer")}
	roundFile := filepath.Join(dir, "round.json")
	c := digilead(t, "", inviter, "feedback", "invite", "--bank", observedBank, "--name", "Sam", "--roles", "peer,report", "--format", "json", "-o", roundFile)
	if c.code != 0 {
		t.Fatalf("invite: exit %d: %s", c.code, c.stderr)
	}
	data, _ := os.ReadFile(roundFile)
	var round feedback.Round
	if err := json.Unmarshal(data, &round); err != nil {
		t.Fatal(err)
	}
	if want := "digilead feedback give --round " + round.Round + " --roles peer,report --bank observed-bank.yaml --role ROLE -o feedback.json"; !strings.Contains(round.Instructions, want) || strings.Contains(round.Instructions, "testdata/") {
		t.Errorf("instructions do not carry the roles and the bank's file name alone (%q):\n%s", want, round.Instructions)
	}
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o700)
	give := func(env []string, out string, args ...string) runOut {
		t.Helper()
		args = append([]string{"feedback", "give", "--bank", observedBank, "--answers", "-", "-o", filepath.Join(in, out)}, args...)
		return digilead(t, `{"answers": {"a1": 1, "a2": 1, "a3": 5, "b1": 1, "b2": 1}}`, env, args...)
	}
	for _, args := range [][]string{
		{"--round", round.Round, "--roles", "peer,report", "--role", "manager"},
		{"--round", roundFile, "--role", "manager"},
		{"--round", round.Round, "--role", "manager"}, // kept where the inviter made it
	} {
		env := observer
		if len(args) == 4 && args[1] == round.Round {
			env = inviter
		}
		if got := give(env, "refused.json", args...); got.code != 2 || !strings.Contains(got.stderr, `--role: role "manager" is not one of round `+round.Round+"'s: peer, report") {
			t.Errorf("give %v: exit %d, %s", args, got.code, got.stderr)
		}
	}
	if got := give(observer, "refused.json", "--round", roundFile, "--roles", "manager,other", "--role", "manager"); got.code != 2 || !strings.Contains(got.stderr, "--roles: round "+round.Round+" offers peer, report, none of the roles given") {
		t.Errorf("--roles none of the round's: exit %d, %s", got.code, got.stderr)
	}
	// Given the id alone, without the roles, an observer's give cannot
	// know them.
	if got := give(observer, "m.json", "--round", round.Round, "--role", "manager"); got.code != 0 {
		t.Fatalf("give as manager by the id alone: exit %d, %s", got.code, got.stderr)
	}
	for i := range 3 {
		if got := give(observer, fmt.Sprintf("p%d.json", i), "--round", round.Round, "--roles", "peer,report", "--role", "peer"); got.code != 0 {
			t.Fatalf("give as peer: exit %d, %s", got.code, got.stderr)
		}
	}
	self := filepath.Join(dir, "me.json")
	if got := digilead(t, `{"answers": {"a1": 4, "a2": 4, "a3": 2, "a4": true, "b1": 4, "b2": 4, "b3": 4, "g1": 3, "g2": 3}}`, inviter, "assess", "--bank", observedBank, "--answers", "-", "--format", "json", "-o", self); got.code != 0 {
		t.Fatal(got.stderr)
	}
	refused := filepath.Join(in, "m.json") + `:1: role: role "manager" is not one of round ` + round.Round + "'s (peer, report)"
	for name, run := range map[string]runOut{
		"kept where it was made": digilead(t, "", inviter, "feedback", "report", "--bank", observedBank, "--self", self, in),
		"given by --round":       digilead(t, "", observer, "feedback", "report", "--bank", observedBank, "--self", self, "--round", roundFile, in),
	} {
		if run.code != 2 || !strings.Contains(run.stderr, refused) || !strings.Contains(run.stderr, "1 feedback document could not be used") || run.stdout != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %s", name, run.code, run.stdout, run.stderr)
		}
	}
	os.Remove(filepath.Join(in, "m.json"))
	ok := digilead(t, "", inviter, "feedback", "report", "--bank", observedBank, "--self", self, "--format", "json", in)
	if ok.code != 0 || !strings.Contains(ok.stdout, `"raters": 3`) || strings.Contains(ok.stdout, `"manager"`) {
		t.Errorf("without the refused document: exit %d, %s\n%s", ok.code, ok.stderr, ok.stdout)
	}
	if got := digilead(t, "", inviter, "feedback", "report", "--bank", observedBank, "--self", "-", "--round", "-", in); got.code != 2 || !strings.Contains(got.stderr, "--round -:") {
		t.Errorf("--round - with --self -: exit %d, %s", got.code, got.stderr)
	}
}
