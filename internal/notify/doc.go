// Package notify decides who hears about a lifecycle event and sends what
// must leave the platform: citizens learn of replies and rejections, units
// of new assignments, follow-ups and 催办/督办.
//
// Who is told is decided here once (For), with no I/O; the store keeps the
// notifications in the same transaction as the event, and the job runner
// hands them to a Sender: SMTP when configured, the log otherwise.
package notify
