// Package corpus reads and writes the CSV files that the text-mining
// commands take and produce: messages in the columns of the 2020 TipDM
// task (留言编号, 留言用户, 留言主题, 留言时间, 留言详情, 反对数, 点赞数,
// 答复意见, 答复时间, 一级分类), the two-column `label,text` evaluation
// files, the `label,tokens` training file, and result tables written with
// a UTF-8 byte-order mark so that Excel opens them as Chinese.
//
// Columns are found by their header names, so any subset in any order
// reads; a file without the columns a command needs is refused with a
// Chinese error that names them. It does no text mining itself.
package corpus
