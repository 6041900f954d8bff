// Package campaign defines campaigns (征集活动): a themed call for
// suggestions over a period, addressed to chosen boards, whose adopted
// (采纳) suggestions are fed back on the campaign's page.
//
// It holds the words and the rules — what a valid campaign is, when it is
// open, who may create and answer one, what counts as an outcome — and no
// I/O: internal/participation carries them out against the store, and the
// API and the web pages call that.
package campaign
