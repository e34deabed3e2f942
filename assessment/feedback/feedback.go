// Package feedback is others' view of a person (360 feedback): rounds, the observers' feedback documents, and the self-versus-others report whose figures expose no one. It is pure: no I/O, no clock, no randomness of its own.
package feedback

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/safetext"
)

// Schema ids of the documents of a round.
const (
	RoundSchema  = "digilead.round/v1"
	Schema       = "digilead.feedback/v1"
	ReportSchema = "digilead.feedback-report/v1"
)

// The roles an observer may answer in.
const (
	// Manager is the person's line manager, whose view is shown on its
	// own: not anonymous (unless the report pools it).
	Manager = "manager"
	Peer    = "peer"
	// DirectReport is someone the person manages ("report").
	DirectReport = "report"
	Other        = "other"
)

// Roles lists the roles in the order reports show them.
var Roles = []string{Manager, Peer, DirectReport, Other}

// DateLayout is the form of a round's closing date.
const DateLayout = "2006-01-02"

// BankRef names the bank of a round and of its feedback: id, version and
// digest, nothing else.
type BankRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Digest  string `json:"digest"`
}

// NewBankRef names b.
func NewBankRef(b *questions.Bank) BankRef {
	return BankRef{ID: b.ID, Version: b.Version, Digest: b.Digest}
}

// Matches reports whether feedback of bank r can be read with bank b:
// the same id and version, and the same content when both digests are
// known.
func (r BankRef) Matches(b BankRef) bool {
	return r.ID == b.ID && r.Version == b.Version && (r.Digest == b.Digest || r.Digest == "" || b.Digest == "")
}

func (r BankRef) String() string { return r.ID + " " + r.Version }

// Round is a round of feedback on one person: the digilead.round/v1
// document. It is what the person (or a facilitator) keeps and sends to
// observers; it holds no observer's name.
type Round struct {
	Schema string `json:"schema"`
	// Round is the round's id: 128 random bits in lower-case base32.
	Round string `json:"round"`
	// Subject is the observed person's name as observers see it.
	Subject string  `json:"subject"`
	Bank    BankRef `json:"bank"`
	// Roles are the roles observers may answer in (Roles).
	Roles []string `json:"roles"`
	// Closes is the last day to answer (DateLayout), when one is set.
	Closes    string    `json:"closes,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	// Instructions are what to send to observers, in the language the
	// round was made in (see the report package's round renderers).
	Instructions string `json:"instructions,omitempty"`
}

// idAlphabet writes round ids: base32 (RFC 4648) without padding, lower
// case. (Written by hand: encoding/base32 built its encodings at every
// start-up, for two lines here.)
const idAlphabet = "abcdefghijklmnopqrstuvwxyz234567"

// IDLength is the length of a round id (128 bits in base32).
const IDLength = 26

// NewID reads an id of 128 bits from random: a round's, or a feedback
// document's.
func NewID(random io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(random, b[:]); err != nil {
		return "", fmt.Errorf("make an id: %w", err)
	}
	return encodeID(b), nil
}

// encodeID is b in base32 (idAlphabet), five bits a letter, the last
// letter's low bits zero.
func encodeID(b [16]byte) string {
	var out [IDLength]byte
	n, bits, acc := 0, 0, uint32(0)
	for _, c := range b {
		acc, bits = acc<<8|uint32(c), bits+8
		for bits >= 5 {
			bits -= 5
			out[n], n = idAlphabet[acc>>bits&31], n+1
		}
	}
	out[n] = idAlphabet[acc<<(5-bits)&31]
	return string(out[:])
}

// IsID reports whether s has the form of a round id.
func IsID(s string) bool {
	if len(s) != IDLength {
		return false
	}
	for i := range len(s) {
		if strings.IndexByte(idAlphabet, s[i]) < 0 {
			return false
		}
	}
	return true
}

// RoundOptions are what a new round is made of.
type RoundOptions struct {
	Subject string
	// Roles are the roles allowed; none means every role.
	Roles []string
	// Closes is the closing date (DateLayout), "" for none.
	Closes string
	Now    time.Time
	// Random gives the id's bits (crypto/rand.Reader).
	Random io.Reader
}

// NewRound starts a round on bank b. The subject's name, roles and
// closing date are checked; errors are errtext.ErrInvalid naming what
// to change.
func NewRound(b *questions.Bank, o RoundOptions) (*Round, error) {
	subject := strings.TrimSpace(o.Subject)
	if subject == "" {
		return nil, errtext.Invalidf("the round needs the name observers know the person by")
	}
	if err := CheckSubject(subject); err != nil {
		return nil, err
	}
	if !b.Observed() {
		return nil, errtext.Invalidf("bank %s %s has no question with observer wording, so observers have nothing to answer; use a bank whose questions carry observer: {text, help}", b.ID, b.Version)
	}
	roles, err := CheckRoles(o.Roles)
	if err != nil {
		return nil, err
	}
	if err := CheckCloses(o.Closes, o.Now); err != nil {
		return nil, err
	}
	id, err := NewID(o.Random)
	if err != nil {
		return nil, err
	}
	return &Round{
		Schema: RoundSchema, Round: id, Subject: subject, Bank: NewBankRef(b),
		Roles: roles, Closes: o.Closes, CreatedAt: o.Now.UTC().Truncate(time.Second),
	}, nil
}

// MaxSubject is the longest name of a round's subject, in characters.
const MaxSubject = 200

// CheckSubject refuses a subject's name that observers' terminals would
// act on rather than show (control characters, line breaks, bidirectional
// overrides: safetext.Unsafe), or longer than MaxSubject characters. The
// name is shown to every observer, over SSH too.
func CheckSubject(subject string) error {
	if at := strings.IndexFunc(subject, func(r rune) bool { return r == '\n' || r == '\t' || safetext.Unsafe(r) }); at >= 0 || !utf8.ValidString(subject) {
		r, _ := utf8.DecodeRuneInString(subject[max(at, 0):])
		return errtext.Invalidf("the name %s holds a control character (%U); give the name as it is written, on one line", safetext.Terminal(strconv.Quote(subject)), r)
	}
	if n := utf8.RuneCountInString(subject); n > MaxSubject {
		return errtext.Invalidf("the name is %d characters long; give the name observers know the person by, in at most %d", n, MaxSubject)
	}
	return nil
}

// CheckCloses checks a closing date ("" is none): YYYY-MM-DD, not
// before the day of now.
func CheckCloses(closes string, now time.Time) error {
	if closes == "" {
		return nil
	}
	day, err := time.Parse(DateLayout, closes)
	if err != nil {
		return errtext.Invalidf("closing date %q: give it as YYYY-MM-DD", closes)
	}
	if day.Before(now.UTC().Truncate(24 * time.Hour)) {
		return errtext.Invalidf("closing date %s is in the past", closes)
	}
	return nil
}

// CheckRoles checks a list of roles, giving them in Roles order without
// repeats; none is every role.
func CheckRoles(roles []string) ([]string, error) {
	if len(roles) == 0 {
		return slices.Clone(Roles), nil
	}
	var out []string
	for _, r := range Roles {
		if slices.Contains(roles, r) {
			out = append(out, r)
		}
	}
	for _, r := range roles {
		if !slices.Contains(Roles, r) {
			return nil, errtext.Invalidf("unknown role %q%s; the roles are %s", r, errtext.Suggest(r, Roles), strings.Join(Roles, ", "))
		}
	}
	return out, nil
}

// Allows reports whether observers may answer the round in role.
func (r *Round) Allows(role string) bool { return slices.Contains(r.Roles, role) }

// CheckRole refuses a role the round does not allow.
func (r *Round) CheckRole(role string) error {
	if !r.Allows(role) {
		return errtext.Invalidf("role %q is not one of round %s's: %s%s", role, r.Round, strings.Join(r.Roles, ", "), errtext.Suggest(role, r.Roles))
	}
	return nil
}

// RoundFor is a round known only by its id (an observer given the id,
// not the file): the bank in use and every role.
func RoundFor(id string, b *questions.Bank) *Round {
	return &Round{Schema: RoundSchema, Round: id, Bank: NewBankRef(b), Roles: slices.Clone(Roles)}
}

// DecodeRound reads a digilead.round/v1 document.
func DecodeRound(data []byte) (*Round, error) {
	var r Round
	if err := decodeObject(data, &r, "round"); err != nil {
		return nil, err
	}
	switch {
	case r.Schema != RoundSchema:
		return nil, errtext.Invalidf("schema: %q is not a round (%s)", r.Schema, RoundSchema)
	case !IsID(r.Round):
		return nil, errtext.Invalidf("round: %q is not a round id", r.Round)
	case r.Bank.ID == "":
		return nil, errtext.Invalidf("bank.id: missing")
	}
	if err := CheckSubject(r.Subject); err != nil {
		return nil, fmt.Errorf("subject: %w", err)
	}
	roles, err := CheckRoles(r.Roles)
	if err != nil {
		return nil, fmt.Errorf("roles: %w", err)
	}
	r.Roles = roles
	return &r, nil
}

// Feedback is one observer's answers about the person: the
// digilead.feedback/v1 document. It carries the role answered in and
// nothing of who the observer is.
type Feedback struct {
	Schema string `json:"schema"`
	// ID is a random id of the document (NewID), made afresh for every
	// document and tied to no one: the same document read twice is
	// counted once. Documents without one are the same when all their
	// fields are.
	ID          string                     `json:"id,omitempty"`
	Round       string                     `json:"round"`
	Bank        BankRef                    `json:"bank"`
	Role        string                     `json:"role"`
	CompletedAt time.Time                  `json:"completed_at"`
	Answers     map[string]questions.Value `json:"answers"`
}

// New is the feedback of an observer answering round r in role: the
// answers to observer questions of b (the round's bank) only. id is the
// document's own (NewID).
func New(r *Round, b *questions.Bank, role string, a *questions.Answers, now time.Time, id string) *Feedback {
	f := &Feedback{
		Schema: Schema, ID: id, Round: r.Round, Bank: r.Bank, Role: role,
		CompletedAt: now.UTC().Truncate(time.Second), Answers: map[string]questions.Value{},
	}
	for id, v := range a.Values {
		if q, ok := b.Question(id); ok && q.Observer != nil && v.Kind != questions.Unanswered {
			f.Answers[id] = v
		}
	}
	return f
}

// CheckObserved refuses answers to questions of b that observers are not
// asked (self-only questions), one problem per question, in bank order.
func CheckObserved[V any](b *questions.Bank, answers map[string]V) error {
	var ps questions.Problems
	for _, q := range b.Questions {
		if _, ok := answers[q.ID]; ok && q.Observer == nil {
			ps = append(ps, questions.Problem{Field: q.ID, Msg: "a question for the person themself, which observers are not asked; leave it out"})
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// Decode reads a digilead.feedback/v1 document: its fields are checked,
// its answers only as JSON (Builder.Add checks them against the bank).
func Decode(data []byte) (*Feedback, error) {
	var f Feedback
	if err := decodeObject(data, &f, "feedback"); err != nil {
		return nil, err
	}
	switch {
	case f.Schema != Schema:
		return nil, errtext.Invalidf("schema: %q is not observer feedback (%s)", f.Schema, Schema)
	case f.Round == "":
		return nil, errtext.Invalidf("round: missing")
	case f.Bank.ID == "":
		return nil, errtext.Invalidf("bank.id: missing")
	case !slices.Contains(Roles, f.Role):
		return nil, errtext.Invalidf("role: %q is not a role (%s)", f.Role, strings.Join(Roles, ", "))
	case f.CompletedAt.IsZero():
		return nil, errtext.Invalidf("completed_at: missing")
	}
	if f.Answers == nil {
		f.Answers = map[string]questions.Value{}
	}
	return &f, nil
}

// decodeObject decodes one JSON object into v (what names it, for
// messages); errors are invalid input.
func decodeObject(data []byte, v any, what string) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return errtext.Invalidf("not a digilead %s: expected a JSON object", what)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return assessment.JSONError(data, err)
	}
	if dec.More() {
		return errtext.Invalidf("more than one JSON value; a %s file holds one %s", what, what)
	}
	return nil
}
