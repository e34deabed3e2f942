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
	NotSaved  Kind = "not saved" // a draft or result could not be written (the folder is full or read-only)
	Dropped   Kind = "dropped"   // a participant left before the end (draft kept)
	Fetched   Kind = "fetched"   // a participant took a copy of their result
	Refused   Kind = "refused"   // a connection, login or request was refused
	Closing   Kind = "closing"   // no newcomers any more; waiting for those answering
)

// Event is one thing that happened, for the trainer's log; the dashboard
// (which may be on a projector) shows only counts. No field holds a name
// given on the welcome page or an answer, and only Token (of NotSaved)
// a token; User and Detail, which come from outside, have their control
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
	// Detail says why (Refused, Dropped, NotSaved) or what (Fetched: the
	// format).
	Detail string
	// Token is the participant's token when their draft or result could
	// not be saved (NotSaved), for the trainer to find their draft.
	Token string
}

// Status is the room at one moment.
type Status struct {
	// Connected counts the people connected to a questionnaire (one
	// connection per token); Pages, the page each of those still
	// answering is on (0 for the welcome page), by participant number.
	Connected int
	Pages     map[int]int
	// Finished counts the results (or observers' feedback) in the
	// results directory; Dropped the people of this run who left before
	// the end and are not back (a person who drops, returns and finishes
	// is finished only);
	// NotSaved the results that could not be saved yet (retried);
	// Refused the refusals; LoggingIn the connections not logged in yet.
	Finished, Dropped, NotSaved, Refused, LoggingIn int
	// Draining is set once newcomers are turned away.
	Draining bool
	// Cohort is the group's anonymous summary for the dashboard, once at
	// least MinGroup have finished; nil before. It moves in steps of
	// MinGroup (the first 5, 10, … results): the room's final summary is
	// that of every result in the folder (digilead cohort DIR), not this.
	Cohort *cohort.Report
}
