package report

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/assessment/calibrate"
	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/compare"
	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/assessment/itemstats"
	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/assessment/review"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/safetext"
	"github.com/digilead/digilead/report/xapi"
)

// Render writes one document of type D in some format.
type Render[D any] func(w io.Writer, doc D, o Options) error

// Registry names the formats of one kind of document. F is what a format
// name stands for: a Render function, or a ScoreFormat for score.
// Its map is built on first use: a command pays only for the registries
// it uses, not for every document's at start-up.
type Registry[F any] struct{ f *formats[F] }

type formats[F any] struct {
	once  sync.Once
	build func() map[string]F
	m     map[string]F
}

// newRegistry is the registry of the formats build returns.
func newRegistry[F any](build func() map[string]F) Registry[F] {
	return Registry[F]{&formats[F]{build: build}}
}

func (r Registry[F]) all() map[string]F {
	r.f.once.Do(func() { r.f.m = r.f.build() })
	return r.f.m
}

// Names lists the formats, sorted.
func (r Registry[F]) Names() []string { return slices.Sorted(maps.Keys(r.all())) }

// Lookup returns what a format name stands for, or an error naming the
// formats there are.
func (r Registry[F]) Lookup(name string) (F, error) {
	f, ok := r.all()[name]
	if !ok {
		return f, fmt.Errorf("unknown format %q; use one of %s", name, strings.Join(r.Names(), ", "))
	}
	return f, nil
}

// forPeople renders a copy of the document in which every string from
// outside (names, titles, ids, paths, texts) shows its control characters
// and bidirectional overrides as visible escapes (safetext.Terminal), so
// that no bank, answers or result file can write control sequences to a
// terminal or a document. JSON needs no copy: encoding/json escapes control
// characters, and the document stays what it was.
//
// A document for people is also shown in the report's language (see
// localise); CSV, a machine format, keeps the bank's texts as they are and
// goes through sanitised only.
func forPeople[D any](f Render[D]) Render[D] {
	return func(w io.Writer, doc D, o Options) error { return f(w, localise(safetext.Copy(doc), o), o) }
}

// sanitised renders a copy of the document made safe as forPeople does,
// without translating it.
func sanitised[D any](f Render[D]) Render[D] {
	return func(w io.Writer, doc D, o Options) error { return f(w, safetext.Copy(doc), o) }
}

// Every format of every document, in one place. The formats for people
// render through forPeople; the machine formats (json, jsonl) as they are.
var (
	// Results are the formats of one person's result.
	Results = newRegistry(func() map[string]Render[*assessment.Result] {
		return map[string]Render[*assessment.Result]{
			"text":     forPeople(resultText),
			"json":     resultJSON,
			"markdown": forPeople(resultMarkdown),
			"html":     forPeople(resultHTML),
			"csv":      sanitised(resultCSV),
			"xlsx":     sanitised(xlsx("result", resultRows)),
			"xapi":     resultXAPI,
		}
	})
	// Comparisons are the formats of `digilead compare`.
	Comparisons = newRegistry(func() map[string]Render[*compare.Comparison] {
		return map[string]Render[*compare.Comparison]{
			"text":     forPeople(compareText),
			"markdown": forPeople(compareMarkdown),
			"json":     compareJSON,
		}
	})
	// Plans are the formats of `digilead plan`.
	Plans = newRegistry(func() map[string]Render[*plan.Plan] {
		return map[string]Render[*plan.Plan]{
			"text":     forPeople(planText),
			"json":     planJSON,
			"markdown": forPeople(planMarkdown),
			"html":     forPeople(planHTML),
			"ics":      forPeople(planICS),
			"csv":      sanitised(planCSV),
			"xlsx":     sanitised(xlsx("actions", planRows, table[*plan.Plan]{"plan", planAboutRows})),
		}
	})
	// PlanChecks are the formats of `digilead compare --plan`.
	PlanChecks = newRegistry(func() map[string]Render[*compare.PlanCheck] {
		return map[string]Render[*compare.PlanCheck]{
			"text":     forPeople(planCheckText),
			"markdown": forPeople(planCheckMarkdown),
			"json":     planCheckJSON,
		}
	})
	// Cohorts are the formats of a group's summary.
	Cohorts = newRegistry(func() map[string]Render[*cohort.Report] {
		return map[string]Render[*cohort.Report]{
			"text":     forPeople(cohortText),
			"json":     cohortJSON,
			"csv":      sanitised(cohortCSV),
			"xlsx":     sanitised(xlsx("cohort", cohortRows)),
			"markdown": forPeople(cohortMarkdown),
			"html":     forPeople(cohortHTML),
		}
	})
	// Rounds are the formats of `digilead feedback invite`: what to send
	// to observers, or the round.
	Rounds = newRegistry(func() map[string]Render[*feedback.Round] {
		return map[string]Render[*feedback.Round]{
			"text": sanitised(roundText),
			"json": roundJSON,
		}
	})
	// Feedbacks are the formats of an observer's feedback.
	Feedbacks = newRegistry(func() map[string]Render[*feedback.Feedback] {
		return map[string]Render[*feedback.Feedback]{
			"json": feedbackJSON,
		}
	})
	// FeedbackReports are the formats of `digilead feedback report`.
	FeedbackReports = newRegistry(func() map[string]Render[*feedback.Report] {
		return map[string]Render[*feedback.Report]{
			"text":     forPeople(feedbackText),
			"json":     feedbackReportJSON,
			"markdown": forPeople(feedbackMarkdown),
			"html":     forPeople(feedbackHTML),
		}
	})
	// ItemAnalyses are the formats of `digilead bank stats`.
	ItemAnalyses = newRegistry(func() map[string]Render[*itemstats.Report] {
		return map[string]Render[*itemstats.Report]{
			"text":     forPeople(itemStatsText),
			"json":     itemStatsJSON,
			"csv":      sanitised(itemStatsCSV),
			"xlsx":     sanitised(xlsx("items", itemStatsRows)),
			"markdown": forPeople(itemStatsMarkdown),
		}
	})
	// Calibrations are the formats of `digilead bank calibrate`.
	Calibrations = newRegistry(func() map[string]Render[*calibrate.Report] {
		return map[string]Render[*calibrate.Report]{
			"text":     forPeople(calibrationText),
			"json":     calibrationJSON,
			"markdown": forPeople(calibrationMarkdown),
			"csv":      sanitised(calibrationCSV),
			"xlsx":     sanitised(xlsx("pairs", calibrationRows, table[*calibrate.Report]{"levels", calibrationLevelRows})),
		}
	})
	// Reviews are the formats of `digilead bank review`.
	Reviews = newRegistry(func() map[string]Render[*review.Report] {
		return map[string]Render[*review.Report]{
			"text":     forPeople(reviewText),
			"json":     reviewJSON,
			"markdown": forPeople(reviewMarkdown),
		}
	})
	// Histories are the formats of `digilead history`.
	Histories = newRegistry(func() map[string]Render[*History] {
		return map[string]Render[*History]{
			"text": forPeople(historyText),
			"json": historyJSON,
			"csv":  sanitised(historyCSV),
			"xlsx": sanitised(xlsx("history", historyRows, table[*History]{"plans", historyPlanRows})),
		}
	})
	// BankSummaries are the formats of `digilead bank show`.
	BankSummaries = newRegistry(func() map[string]Render[*questions.Bank] {
		return map[string]Render[*questions.Bank]{
			"text": forPeople(bankSummary),
		}
	})
	// Validations are the formats of `digilead bank validate`.
	Validations = newRegistry(func() map[string]Render[*Validation] {
		return map[string]Render[*Validation]{
			"text": sanitised(validationText),
		}
	})
	// Versions are the formats of `digilead version`.
	Versions = newRegistry(func() map[string]Render[VersionInfo] {
		return map[string]Render[VersionInfo]{
			"text": versionText,
		}
	})
	// Scores are the formats of `digilead score`, written by its workers.
	Scores = newRegistry(func() map[string]ScoreFormat {
		return map[string]ScoreFormat{
			"jsonl": {Rows: batch.JSONL},
			"csv":   {Rows: batch.CSV},
			"xlsx":  {Rows: batch.CSV, Wrap: scoreSheet},
			"xapi":  {Rows: batch.JSONL, Encode: xapi.Append},
		}
	})
)
