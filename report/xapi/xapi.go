// Package xapi turns results into xAPI 1.0.3 statements for a learning record store: one "completed" statement per result, its id stable.
package xapi

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"time"

	"golang.org/x/text/language"

	"github.com/digilead/digilead/assessment"
)

// The IRIs digilead's statements use (docs/formats.md, xapi).
const (
	// Base is the root of digilead's own IRIs.
	Base = "https://digilead.dev/xapi"
	// HomePage is the account home page of an anonymous respondent.
	HomePage = Base + "/respondents"
	// Completed is ADL's verb.
	Completed = "http://adlnet.gov/expapi/verbs/completed"
	// Assessment is ADL's activity type of a bank.
	Assessment = "http://adlnet.gov/expapi/activities/assessment"

	// ExtLevel is the result extension holding the level.
	ExtLevel = Base + "/extensions/level"
	// ExtDimensions is the result extension holding the dimension scores.
	ExtDimensions = Base + "/extensions/dimensions"
	// ExtTarget is the result extension holding the target tier.
	ExtTarget = Base + "/extensions/target"
	// ExtBank is the context extension identifying the bank exactly.
	ExtBank = Base + "/extensions/bank"
)

// Version is the xAPI version the statements follow.
const Version = "1.0.3"

// namespace is the UUID (v5, URL namespace) of Base, under which every
// statement id is derived.
var namespace = [16]byte{0x36, 0xd9, 0x03, 0xb7, 0x69, 0x12, 0x51, 0x36, 0xa7, 0x6b, 0x63, 0x8a, 0x49, 0x5e, 0x7e, 0xea}

// Statement is an xAPI statement.
type Statement struct {
	ID        string   `json:"id"`
	Actor     Agent    `json:"actor"`
	Verb      Verb     `json:"verb"`
	Object    Activity `json:"object"`
	Result    Result   `json:"result"`
	Context   Context  `json:"context"`
	Timestamp string   `json:"timestamp"`
	Version   string   `json:"version"`
}

// Agent is the respondent: an account of digilead's, or the SHA-1 of an
// address; never a name or the address itself.
type Agent struct {
	ObjectType  string   `json:"objectType"`
	MboxSHA1Sum string   `json:"mbox_sha1sum,omitempty"`
	Account     *Account `json:"account,omitempty"`
}

// Account is an anonymous account: the respondent id under HomePage.
type Account struct {
	HomePage string `json:"homePage"`
	Name     string `json:"name"`
}

// Verb is what the actor did.
type Verb struct {
	ID      string            `json:"id"`
	Display map[string]string `json:"display"`
}

// Activity is the bank, by id and version.
type Activity struct {
	ObjectType string     `json:"objectType"`
	ID         string     `json:"id"`
	Definition Definition `json:"definition"`
}

// Definition describes the activity.
type Definition struct {
	Name map[string]string `json:"name"`
	Type string            `json:"type"`
}

// Result is the outcome: readiness for the target tier as the score,
// whether it was met, and digilead's figures as extensions.
type Result struct {
	Score      Score          `json:"score"`
	Success    *bool          `json:"success,omitempty"`
	Completion bool           `json:"completion"`
	Extensions map[string]any `json:"extensions"`
}

// Score is the readiness for the target tier: raw 0-100, scaled 0-1.
type Score struct {
	Scaled float64 `json:"scaled"`
	Raw    float64 `json:"raw"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// Context says where the statement comes from.
type Context struct {
	Platform   string         `json:"platform"`
	Language   string         `json:"language,omitempty"`
	Extensions map[string]any `json:"extensions"`
}

// Level is the ExtLevel extension: the tier met (absent when none is).
type Level struct {
	ID          string   `json:"id"`
	Rank        int      `json:"rank"`
	Rule        string   `json:"rule,omitempty"`
	Probability *float64 `json:"probability,omitempty"`
}

// Target is the ExtTarget extension.
type Target struct {
	ID        string  `json:"id"`
	Met       bool    `json:"met"`
	Readiness float64 `json:"readiness"`
}

// Bank is the ExtBank extension.
type Bank struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Digest  string `json:"digest"`
}

// New is the statement of a result: "completed", the bank as the
// activity, the respondent as an anonymous account (HomePage and their id)
// or, when their answers gave an e-mail address, its mbox_sha1sum only.
func New(r *assessment.Result) Statement {
	id := ID(r)
	actor := Agent{ObjectType: "Agent"}
	if r.MboxSHA1Sum != "" {
		actor.MboxSHA1Sum = r.MboxSHA1Sum
	} else {
		name := r.Respondent.ID
		if name == "" {
			name = "anonymous-" + id // no id: one actor per result
		}
		actor.Account = &Account{HomePage: HomePage, Name: name}
	}
	target := Target{ID: r.Target.ID}
	var success *bool
	for _, t := range r.Tiers {
		if t.ID == r.Target.ID {
			target.Met, target.Readiness = t.Met, t.Readiness
			success = &target.Met
		}
	}
	dims := make(map[string]float64, len(r.Dimensions))
	for _, d := range r.Dimensions {
		if d.Score != nil {
			dims[d.ID] = *d.Score
		}
	}
	ext := map[string]any{ExtDimensions: dims, ExtTarget: target}
	if r.Level != nil {
		ext[ExtLevel] = Level{ID: r.Level.ID, Rank: r.Level.Rank, Rule: r.LevelRule, Probability: r.LevelProbability}
	}
	return Statement{
		ID:    id,
		Actor: actor,
		Verb:  Verb{ID: Completed, Display: map[string]string{"en-US": "completed"}},
		Object: Activity{
			ObjectType: "Activity",
			ID:         Base + "/banks/" + url.PathEscape(r.Bank.ID) + "/" + url.PathEscape(r.Bank.Version),
			Definition: Definition{Name: map[string]string{"und": string(r.Bank.Title)}, Type: Assessment},
		},
		Result: Result{
			Score:      Score{Scaled: scaled(target.Readiness), Raw: target.Readiness, Min: 0, Max: 100},
			Success:    success,
			Completion: true,
			Extensions: ext,
		},
		Context: Context{
			Platform:   "digilead",
			Language:   tag(r.Language),
			Extensions: map[string]any{ExtBank: Bank{ID: r.Bank.ID, Version: r.Bank.Version, Digest: r.Bank.Digest}},
		},
		Timestamp: r.CompletedAt.UTC().Format(time.RFC3339),
		Version:   Version,
	}
}

// scaled is a readiness (0 to 100, two decimals) as score.scaled: over
// 100, four decimals, the float64 nearest to them (0.7565, where a
// division gives 0.7565000000000001).
func scaled(readiness float64) float64 {
	return math.Round(readiness*100) / 10000
}

// tag is the language of a result as an RFC 5646 tag, as xAPI wants
// context.language: in its canonical form (en_GB, a locale's form, is
// en-GB), or "" when it is none (a result file may say anything).
func tag(s string) string {
	if s == "" {
		return ""
	}
	t, err := language.Parse(s)
	if err != nil {
		return ""
	}
	return t.String()
}

// Append appends the statement of r, as one line of JSON, to dst.
func Append(dst []byte, r *assessment.Result) ([]byte, error) {
	b, err := json.Marshal(New(r))
	if err != nil {
		return dst, err
	}
	return append(append(dst, b...), '\n'), nil
}

// identity is what makes a result this result: the bank exactly, who
// (as far as the result says), when, and the figures. Its JSON names the
// statement.
type identity struct {
	Schema      string    `json:"schema"`
	Bank        Bank      `json:"bank"`
	Respondent  [4]string `json:"respondent"`
	CompletedAt string    `json:"completed_at"`
	Target      string    `json:"target"`
	Level       string    `json:"level"`
	Scores      [][2]any  `json:"scores"`
}

// ID is the statement id of a result: a UUID v5 (RFC 9562) under
// digilead's namespace, named by the result's bank, respondent, time and
// figures, so that sending one result twice sends one statement (a
// learning record store keeps the first and ignores the same again). It
// is named by what a saved result holds, so the result scored from
// answers with an e-mail address and the same result reported again from
// its file (which holds no address) have one id.
func ID(r *assessment.Result) string {
	who := r.Respondent
	in := identity{
		Schema:      r.Schema,
		Bank:        Bank{ID: r.Bank.ID, Version: r.Bank.Version, Digest: r.Bank.Digest},
		Respondent:  [4]string{who.ID, who.Name, who.Role, who.Group},
		CompletedAt: r.CompletedAt.UTC().Format(time.RFC3339Nano),
		Target:      r.Target.ID,
	}
	if r.Level != nil {
		in.Level = r.Level.ID
	}
	for _, d := range r.Dimensions {
		var s any
		if d.Score != nil {
			s = *d.Score
		}
		in.Scores = append(in.Scores, [2]any{d.ID, s})
	}
	name, _ := json.Marshal(in) // strings and numbers only: cannot fail
	return uuidV5(namespace, name)
}

// uuidV5 is the name-based UUID of name in namespace ns (SHA-1, version
// 5, RFC 9562 section 5.5).
func uuidV5(ns [16]byte, name []byte) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write(name)
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
