// Package replyscore scores the quality of an official reply to a message
// from 0 to 100 (DESIGN §5), from four parts, each 0–1:
//
//   - Relevance: does the reply answer this message? The cosine of the
//     TF-IDF word vectors of message and reply, and how much of the
//     message's title the reply restates.
//   - Completeness: does it hold the parts of a full reply? Greeting,
//     findings (经调查, 经核实), action taken (已责令, 已安排), the basis
//     cited (根据《…》), a contact (电话, 联系), and a closing (感谢,
//     特此回复); each part is found by its cue phrases.
//   - Interpretability: does it explain? Reasons (因为, 由于, 原因),
//     policy and rules named (《…》, 第N条, 规定, 政策), consequences
//     (因此, 所以), and enough length to say them.
//   - Timeliness: working days from message to reply on the official
//     calendar: full marks within the default deadline, half at the end
//     of the longest extension, decaying after.
//
// The score is 100 × the weighted sum of the parts (Weights). The parts
// are returned too, so a supervisor sees why a reply scored low. It reads
// no store; the server hands it messages and replies.
package replyscore
