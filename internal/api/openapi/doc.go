// Package openapi holds the OpenAPI 3.1 description of /api/v1, written by
// hand in openapi.yaml beside the handlers it describes, and serves it as
// JSON at /api/openapi.json and as a readable page at /api/docs.
//
// The document is the contract: the API's tests validate real responses
// of every endpoint against it, so it cannot drift from the code unseen.
package openapi
