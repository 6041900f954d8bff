// Package jobs runs the board's background work inside `liuyan serve`:
// delivering webhooks from the outbox, mailing notifications, reminding
// units of deadlines and telling them of overdue messages, and closing
// replied messages nobody rated in time.
//
// Each task is safe to run on several instances at once (claims are
// leased; closing re-checks the state in its transaction; a deadline notice
// is unique per message, kind and deadline in the database), so the runner
// needs no leader election.
package jobs
