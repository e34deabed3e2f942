package report

import (
	"bufio"
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/questions"
)

// examplePlan is the plan made by itself from the example result: two
// priorities, an action for each way of learning, a supporter.
func examplePlan(t testing.TB) *plan.Plan {
	t.Helper()
	return plan.New(exampleResult(t), plan.Options{Now: fixedTime.Add(48 * time.Hour), Priorities: 2, Supporter: "Ana Example"})
}

// TestPlanGolden renders the example plan in every format, and in Welsh
// and French in the formats for people.
func TestPlanGolden(t *testing.T) {
	t.Parallel()
	p := examplePlan(t)
	for _, c := range []struct{ format, ext, tag string }{
		{"text", "txt", "en"}, {"markdown", "md", "en"}, {"html", "html", "en"}, {"ics", "ics", "en"}, {"json", "json", "en"}, {"csv", "csv", "en"},
		{"text", "txt", "cy"}, {"markdown", "md", "cy"}, {"ics", "ics", "cy"},
		{"text", "txt", "fr"}, {"markdown", "md", "fr"}, {"html", "html", "fr"},
	} {
		name := "plan." + c.tag + "." + c.ext
		t.Run(name, func(t *testing.T) {
			render, err := Plans.Lookup(c.format)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := render(&buf, p, Options{Width: 80, Language: in(t, c.tag)}); err != nil {
				t.Fatal(err)
			}
			golden(t, name+".golden", buf.Bytes())
		})
	}
}

func TestPlanJSONSchema(t *testing.T) {
	t.Parallel()
	r := exampleResult(t)
	for _, p := range []*plan.Plan{
		examplePlan(t),
		plan.New(r, plan.Options{Now: fixedTime, Priorities: 1}),
		plan.New(r, plan.Options{Now: fixedTime, Chosen: []plan.Choice{{Dimension: plan.Ranked(r)[0].Dimension, Actions: []plan.Action{{Kind: "practice", Text: "Own action"}}}}}),
		plan.New(r, plan.Options{Now: fixedTime, Chosen: []plan.Choice{}}),
	} {
		var buf bytes.Buffer
		if err := planJSON(&buf, p, Options{}); err != nil {
			t.Fatal(err)
		}
		schematest.Validate(t, "plan.schema.json", buf.Bytes())
		back, err := plan.Decode(buf.Bytes())
		if err != nil {
			t.Fatalf("the plan does not read back: %v", err)
		}
		if len(back.Priorities) != len(p.Priorities) {
			t.Errorf("read back %d priorities, wrote %d", len(back.Priorities), len(p.Priorities))
		}
	}
	for name, bad := range map[string]string{
		"due":    `"due": "2024-3-22"`,
		"schema": `"schema": "digilead.plan/v2"`,
	} {
		var buf bytes.Buffer
		planJSON(&buf, examplePlan(t), Options{})
		doc := regexp.MustCompile(`"`+strings.Split(bad, `"`)[1]+`": "[^"]*"`).ReplaceAllString(buf.String(), bad)
		if schematest.Check(t, "plan.schema.json", []byte(doc)) == nil {
			t.Errorf("%s: the schema accepts %s", name, bad)
		}
	}
}

// TestPlanICS checks the calendar by the rules of RFC 5545 that calendar
// programs rely on, by hand, then reads it with an independent parser
// (github.com/emersion/go-ical).
func TestPlanICS(t *testing.T) {
	t.Parallel()
	p := examplePlan(t)
	// An outside text with every character TEXT escapes, and a long one.
	p.Priorities[0].Actions[0].Text = questions.BankText("Ask Jo; then, with Sam\\Kim: plan\nthe next step " + strings.Repeat("ŵ", 60))
	var buf bytes.Buffer
	if err := planICS(&buf, p, Options{Language: in(t, "cy")}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	strictICS(t, data)

	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the calendar: %v\n%s", err, data)
	}
	events := cal.Events()
	dated := 0
	for _, pr := range p.Priorities {
		dated += len(pr.Actions)
	}
	if len(events) != dated+1 {
		t.Fatalf("%d events, want one per dated action (%d) and the review", len(events), dated)
	}
	uids := map[string]bool{}
	for _, e := range events {
		uid, _ := e.Props.Text(ical.PropUID)
		uids[uid] = true
		start, err := e.DateTimeStart(time.UTC)
		if err != nil || e.Props.Get(ical.PropDateTimeStart).ValueType() != ical.ValueDate {
			t.Errorf("event %s starts %v (%v), want a day", uid, start, err)
		}
	}
	if len(uids) != len(events) {
		t.Errorf("UIDs are not unique: %v", uids)
	}
	first, _ := events[0].Props.Text(ical.PropSummary)
	if want := "Ymarfer yn y gwaith: " + string(p.Priorities[0].Actions[0].Text); first != want {
		t.Errorf("first event's summary reads back as %q, want %q", first, want)
	}
	last := events[len(events)-1]
	if start, _ := last.DateTimeStart(time.UTC); start.Format(plan.DateLayout) != p.ReviewOn {
		t.Errorf("the last event is on %v, want the review day %s", start, p.ReviewOn)
	}
}

// TestPlanCSVKeepsEveryPriority checks that a priority the bank gives no
// action for still has its row in the CSV (and the xlsx sheet), with
// empty action cells: the sheet lists every priority.
func TestPlanCSVKeepsEveryPriority(t *testing.T) {
	t.Parallel()
	p := examplePlan(t)
	p.Priorities[1].Actions = nil
	rows := planRows(p)
	var dims []string
	for _, r := range rows[1:] {
		dims = append(dims, r[1])
		if r[1] == p.Priorities[1].Dimension && (r[0] != "2" || r[5] != "" || r[6] != "") {
			t.Errorf("the priority without actions: %q", r)
		}
	}
	if !slices.Contains(dims, p.Priorities[1].Dimension) {
		t.Errorf("the priority without actions has no row: %q", rows)
	}
	if n := len(rows) - 1; n != len(p.Priorities[0].Actions)+1 {
		t.Errorf("%d rows, want one per action and one for the priority without", n)
	}
}

// TestPlanICSUIDs checks the events' UIDs across plans: the same plan
// has the same UIDs in every language (a re-import in Welsh updates the
// English events), and two plans made in the same second from the same
// result, with other priorities or days, share none.
func TestPlanICSUIDs(t *testing.T) {
	t.Parallel()
	uids := func(p *plan.Plan, tag string) []string {
		var buf bytes.Buffer
		if err := planICS(&buf, p, Options{Language: in(t, tag)}); err != nil {
			t.Fatal(err)
		}
		cal, err := ical.NewDecoder(&buf).Decode()
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range cal.Events() {
			id, _ := e.Props.Text(ical.PropUID)
			ids = append(ids, id)
		}
		return ids
	}
	p := examplePlan(t)
	en, cy := uids(p, "en"), uids(p, "cy")
	if !slices.Equal(en, cy) {
		t.Errorf("the same plan has other UIDs in Welsh:\n%v\n%v", en, cy)
	}
	for name, other := range map[string]*plan.Plan{
		"one priority":      plan.New(exampleResult(t), plan.Options{Now: p.CreatedAt, Priorities: 1, Supporter: "Ana Example"}),
		"another review":    plan.New(exampleResult(t), plan.Options{Now: p.CreatedAt, Priorities: 2, Supporter: "Ana Example", ReviewOn: p.CreatedAt.AddDate(0, 6, 0)}),
		"another supporter": plan.New(exampleResult(t), plan.Options{Now: p.CreatedAt, Priorities: 2}),
	} {
		if !other.CreatedAt.Equal(p.CreatedAt) {
			t.Fatalf("%s: made at %v, not in the same second", name, other.CreatedAt)
		}
		for _, id := range uids(other, "en") {
			if slices.Contains(en, id) {
				t.Errorf("%s: another plan of the same second has the UID %s", name, id)
			}
		}
	}
}

// strictICS fails the test unless data keeps RFC 5545's rules of lines
// and components: every line ends CRLF and is at most 75 octets, a
// continuation starts with one space and no UTF-8 character is split,
// components nest, and each event has a UID, a DTSTAMP in UTC and an
// all-day DTSTART.
func strictICS(t *testing.T, data []byte) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\n")) {
		t.Fatal("lines do not all end with CRLF")
	}
	var unfolded []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if len(line) > 75 {
			t.Errorf("line %d is %d octets, more than 75", n, len(line))
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 character: %q", n, line)
		}
		if strings.HasPrefix(line, " ") {
			unfolded[len(unfolded)-1] += line[1:]
			continue
		}
		unfolded = append(unfolded, line)
	}
	var stack []string
	var event map[string]string
	for _, line := range unfolded {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("not a content line: %q", line)
		}
		switch name {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				event = map[string]string{}
			}
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("END:%s does not close %v", value, stack)
			}
			stack = stack[:len(stack)-1]
			if value == "VEVENT" {
				if event["UID"] == "" || !regexp.MustCompile(`^\d{8}T\d{6}Z$`).MatchString(event["DTSTAMP"]) || !regexp.MustCompile(`^\d{8}$`).MatchString(event["DTSTART;VALUE=DATE"]) {
					t.Errorf("event lacks a UID, a UTC DTSTAMP or an all-day DTSTART: %v", event)
				}
			}
		default:
			if event != nil {
				event[name] = value
			}
			if name == "SUMMARY" || name == "DESCRIPTION" {
				if regexp.MustCompile(`(^|[^\\])[;,]`).MatchString(strings.ReplaceAll(value, `\\`, "")) {
					t.Errorf("%s has an unescaped ; or ,: %q", name, value)
				}
			}
		}
	}
	if len(stack) != 0 || unfolded[0] != "BEGIN:VCALENDAR" {
		t.Errorf("components left open: %v", stack)
	}
}

// TestPlanUnscoredAreas: a plan whose result could not score areas the
// target expects names them and asks for their answers first, in every
// language and format for people, and never says that nothing stands
// out; with priorities as well, it names them after the priorities.
func TestPlanUnscoredAreas(t *testing.T) {
	t.Parallel()
	b := questions.Default()
	none := assessment.Score(b, &questions.Answers{Values: map[string]questions.Value{}}, scoreOptions)
	some := exampleResult(t)
	cut := plan.Ranked(some)[len(plan.Ranked(some))-1].Dimension
	a := &questions.Answers{Values: map[string]questions.Value{}}
	for id, v := range some.Answers {
		if q, _ := b.Question(id); q.Dimension != cut {
			a.Values[id] = v
		}
	}
	some = assessment.Score(b, a, scoreOptions)
	for _, c := range []struct {
		name       string
		r          *assessment.Result
		priorities bool
	}{{"no answers", none, false}, {"one area unanswered", some, true}} {
		p := plan.New(c.r, plan.Options{Now: fixedTime, Priorities: 2})
		if len(p.Unscored) == 0 || (len(p.Priorities) > 0) != c.priorities {
			t.Fatalf("%s: %d unscored, %d priorities", c.name, len(p.Unscored), len(p.Priorities))
		}
		for _, tag := range []string{"en", "cy", "fr"} {
			l := in(t, tag)
			names := make([]string, len(p.Unscored))
			for i, u := range p.Unscored {
				names[i] = string(u.Name)
			}
			// The names are the bank's, translated in cy and fr.
			wants := []string{l.T("report.not_scored_label")}
			if tag == "en" {
				wants = append(wants, l.N("report.priorities_unscored", len(names), "Names", l.List(names), "Target", p.Result.Target.Name))
			}
			nothing := l.T("plan.none", "Target", p.Result.Target.Name)
			for _, format := range []string{"text", "markdown", "html"} {
				flat := flatRender(t, Plans, format, p, Options{Width: 1000, Language: l})
				if strings.Contains(flat, nothing) {
					t.Errorf("%s, %s %s: the plan says nothing stands out:\n%s", c.name, tag, format, flat)
				}
				for _, want := range wants {
					if !strings.Contains(flat, strings.Join(strings.Fields(want), " ")) {
						t.Errorf("%s, %s %s: the plan does not say %q:\n%s", c.name, tag, format, want, flat)
					}
				}
			}
		}
	}
}
