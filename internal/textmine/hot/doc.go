// Package hot finds hot issues: groups of messages about the same concrete
// problem at the same place (a residential compound, a school, a company),
// ranked by a heat index, and writes them as the two tables of the 2020
// TipDM task (热点问题表 and 热点问题留言明细表).
//
// Grouping. Each message becomes a TF-IDF vector of its words and of pairs
// of adjacent words (title words count twice), over the messages given;
// only features that at most one message in twenty has take part, so that
// what two messages share is their names and specific wording, not the
// board's common vocabulary (问题, 小区, 领导). Two messages are linked
// when the cosine of their vectors reaches Options.Threshold and their
// places do not contradict each other: when both name a place (a word
// sequence ending in 小区, 花园, 苑, 学校, 公司, 村, …), they must share one.
// Groups are the connected components of the links.
//
// Heat. See Heat: a weighted sum of the group's messages, distinct authors,
// net support, growth and recency, each scaled to 0–1, times 100.
//
// It reads messages and returns groups; the store and the pages decide
// which window of messages to hand it.
package hot
