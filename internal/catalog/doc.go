// Package catalog holds every sentence a user reads, Simplified Chinese
// first. Handlers, pages and the CLI look strings up by key; nothing else
// in the code base writes user-facing Chinese.
//
// It must not hold logic beyond formatting: which error is shown when is
// decided by the caller.
package catalog
