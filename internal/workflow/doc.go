// Package workflow carries out what people do to messages: it validates
// input, asks internal/lifecycle whether the action is allowed for this
// person on this message, and stores the outcome and its event in one
// transaction, so the log and the message never disagree.
//
// It is the only writer of messages. It does not speak HTTP: the API and
// the web pages call it and translate its errors.
package workflow
