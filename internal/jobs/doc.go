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
// are leased; closing locks a batch of messages and re-checks each one's
// state in the batch's transaction; a deadline notice is unique per
// message, kind and deadline in the database).
//
// A task must cost what its work costs, not what the store holds: each
// query reads an index that bounds it (migration 0026 adds those for
// closing, hot issues and notices), and work that may pile up (closing
// a backlog of millions) goes in batches of bounded transactions.
package jobs
