// Package api serves the JSON API /api/v1 for apps, mini-programs and
// integrations, and the health endpoints.
//
// Handlers decode and check the request's shape, call internal/workflow or
// the store, and write JSON. They hold no business rules: who may do what
// is decided in internal/lifecycle, what may be seen in internal/store.
// Errors are {"error":{"code":"…","message":"…"}} with the message in
// Chinese from internal/catalog.
package api
