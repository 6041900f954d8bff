// Package transfer moves messages between liuyan and files: it imports
// other systems' history and exports the board's own.
//
// Import reads CSV, XLSX and JSON-lines files and tells their format by
// the header: the 2020 TipDM task's files (留言编号, 留言主题, 留言详情 …),
// the field names of People's Daily Online's 《领导留言板》 (tid, forumName,
// subject, stateInfo, answerContent, gradeManner … or the short forms its
// scrapers use), and liuyan's own export. Each row becomes a message with
// the log the lifecycle would have written for it, at the row's own times,
// so that figures over imported history come out right; rows that cannot
// be read are reported by line and the rest goes in. Importing a file twice
// adds nothing: every message keeps its source and original ID.
//
// Export writes messages with their log, replies, follow-ups and rating in
// liuyan's own format as CSV, XLSX or JSON lines; importing an export into
// an empty store gives the same messages, states and figures back.
//
// It does no text mining (segmentation and classification belong to
// internal/textmine) and never writes through the workflow: imported
// events are history, not actions, and notify nobody.
package transfer
