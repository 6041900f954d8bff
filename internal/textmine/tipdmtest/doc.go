// Package tipdmtest finds the shared TipDM data for the text-mining tests.
// The data lies beside the checkout (../shared/data/tipdm from the
// repository root), on developers' machines and in CI alike; a test that
// needs it fails when it is missing rather than skipping, so that a broken
// layout cannot pass unnoticed.
package tipdmtest
