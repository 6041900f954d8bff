// Package demo fills an empty installation with a believable board to
// look at and try out: departments that joined two provinces and some of
// their cities and districts, staff accounts of every role sharing one
// password, citizens, and messages written over almost two years and
// carried to every state of their lifecycle.
//
// Every message and every step of it goes through workflow.Desk with a
// clock the generator moves forward, never by writing rows, so the event
// log, deadlines and figures of the demo are those a live board would
// have. The text is composed from the package's own templates and
// vocabulary; no place, company or person in it is taken from real
// messages. Draws come from a fixed seed, so every run makes the same demo.
//
// It must not run on a store that holds messages (Load refuses), and it
// is not a fixture for other packages' tests, which should build the
// little they need.
package demo
