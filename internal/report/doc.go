// Package report writes the half-year report of a region in the shape of
// the board's own (《领导留言板》) reports: a narrative in Chinese generated
// from the figures, the tables behind it, and charts; as an HTML page
// (ECharts vendored and embedded, so it works offline), an XLSX workbook
// (one sheet per table, a native chart on the volume sheet) or a zip of CSV
// files. It also serves the statistics pages.
//
// Every number comes from internal/stats; this package computes none.
package report
