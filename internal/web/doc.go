// Package web is the board's web site: server-rendered pages in
// Simplified Chinese for the public, citizens, moderators, board offices,
// handling units and supervisors, and the files that make the site an
// installable Progressive Web App.
//
// Pages are html/template files embedded in the binary, one handler per
// page or action in a file named after it; their words come from
// internal/catalog. Reading and posting work without JavaScript; the
// vendored htmx and a small script of our own only make filters and the
// region picker quicker. Static files are served under URLs that carry a
// checksum of their content, so browsers may keep them forever.
//
// A message's page and a board's page (under each of its filters) as a
// visitor without a session sees them are kept as rendered (page_cache.go)
// and served again only while store.PageKey or store.BoardPageKey says
// nothing they show has changed and the clock has not moved them on (a
// deadline passed, a new day), so any number of instances keep pages
// without hearing of each other's writes; signed-in people's pages are
// rendered for them every time and never kept.
//
// The package decides nothing about messages itself: every action goes
// through workflow.Desk.Do, what a person may see comes from
// store.Viewer (through workflow.ViewerOf) and workflow.Record, and errors
// are explained by workflow.Desk.Explain, the same as for the JSON API. It
// must not write to the store except through the Desk, its session
// tokens, accounts at registration and a message's attachments.
package web
