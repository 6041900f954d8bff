// Package questionnaire defines questionnaires (问卷): questions of four
// kinds — single choice, multiple choice, a 1–5 scale and free text —
// required or optional, answered between two dates, once per account or
// anonymously; and their results, as counts for charts and as an XLSX
// workbook.
//
// It holds the rules and the arithmetic, not the storage: answers are
// checked here before internal/participation stores them, and results are
// tallied here from what the store reads back.
package questionnaire
