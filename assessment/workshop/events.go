package workshop

import (
	"time"

	"github.com/digilead/digilead/assessment/cohort"
)

// Kind is what happened in an Event.
type Kind string

// The kinds of event.
const (
	Connected Kind = "connected" // a participant began or resumed
	PageDone  Kind = "page done" // a participant finished a page (draft kept)
	Finished  Kind = "finished"  // a result was saved
	Dropped   Kind = "dropped"   // a participant left before the end (draft kept)
	Fetched   Kind = "fetched"   // a participant took a copy of their result
	Refused   Kind = "refused"   // a connection, login or request was refused
	Closing   Kind = "closing"   // no newcomers any more; waiting for those answering
)

// Event is one thing that happened, for the trainer's screen or log. No
// field holds a token, a name given on the welcome page or an answer;
// User and Detail, which come from outside, have their control
// characters shown as escapes.
type Event struct {
	Time time.Time
	Kind Kind
	// Participant numbers the participants of this run of the server, from
	// 1; 0 when the event is about no participant.
	Participant int
	// Addr is the client's address; User the SSH user name it gave, or
	// "(returning)" when it was a participant's token.
	Addr, User string
	// Page is the page reached (PageDone, Dropped) of Pages.
	Page, Pages int
	// Detail says why (Refused, Dropped) or what (Fetched: the format).
	Detail string
}

// Status is the room at one moment.
type Status struct {
	// Connected counts the open questionnaire sessions; Pages, the page
	// each of them is on (0 for the welcome page), by participant number.
	Connected int
	Pages     map[int]int
	// Finished counts the results in the results directory, Dropped the
	// sessions that ended before the last page in this run, Refused the
	// refusals.
	Finished, Dropped, Refused int
	// Draining is set once newcomers are turned away.
	Draining bool
	// Cohort is the group's anonymous summary, once at least MinGroup
	// have finished; nil before.
	Cohort *cohort.Report
}
