// Package webhook delivers lifecycle events to integrations (12345
// hotline systems, civic apps): a JSON POST signed with HMAC-SHA256, retried
// with exponential backoff until the receiver answers 2xx.
//
// It does not choose what to send or when: the store's outbox holds the
// deliveries, the job runner calls Deliver.
package webhook
