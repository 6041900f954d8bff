// Package calendar knows which dates are working days on the Chinese
// official calendar, so that handling deadlines can be counted in working
// days: Saturdays and Sundays are off, public holidays are off, and the
// weekends the State Council turns into working days (调休上班) are worked.
//
// The default calendar is built from the State Council General Office's
// yearly holiday notices, kept as plain text in cn_holidays.txt and embedded
// in the binary; Parse reads a calendar in the same format, for a deployment
// with local holidays or a year the embedded data does not yet have.
//
// All dates are civil dates in China (UTC+8, no daylight saving time). The
// package works with a fixed zone and never loads time-zone data.
//
// It must not do I/O beyond the reader handed to Parse, keep mutable state,
// or know anything about messages, boards or deadlines per message type: it
// only answers questions about days, and the lifecycle decides what a
// deadline is.
package calendar
