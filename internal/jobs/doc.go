// Package jobs runs the board's background work inside `liuyan serve`:
// delivering webhooks from the outbox, mailing notifications, reminding
// units of deadlines and telling them of overdue messages, and closing
// replied messages nobody rated in time.
//
// Several instances may serve one database: every task in the runner's
// list runs through Runner.Once, which holds the task's row in job_leases
// for the run (FOR UPDATE SKIP LOCKED on PostgreSQL), so each task runs
// once per period across the instances and never on two at once, with no
// leader election. The tasks stay safe to repeat besides (outbox claims
// are leased; closing re-checks the state in its transaction; a deadline
// notice is unique per message, kind and deadline in the database).
package jobs
