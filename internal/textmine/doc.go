// Package textmine is the home of the offline text mining of messages
// (DESIGN §5). It holds no code of its own; each part lives in a
// subpackage named for what it does:
//
//   - corpus: reads the message CSV files of the shared formats (the 2020
//     TipDM task's columns) and writes result tables that Excel opens.
//   - segment: Chinese word segmentation with a dictionary built from this
//     platform's own messages, plus region, board and unit names.
//   - classify: the domain classifier (train, evaluate, suggest), with a
//     default model embedded in the binary.
//   - dedupe: SimHash fingerprints and near-duplicate groups.
//   - hot: hot issues — messages grouped by concrete problem and place,
//     ranked by a documented heat index.
//   - replyscore: a 0–100 quality score of an official reply.
//
// None of these packages touches the store: the server and the CLI hand
// them messages and keep what they return.
package textmine
