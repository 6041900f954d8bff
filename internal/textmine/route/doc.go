// Package route suggests which unit should handle a message, with the
// reasons, for the board office's assign screen: units whose place the
// text names (a street office, a district), and units whose work the
// message's domain is (住建 for 城建, 交警 for 交通 …).
//
// It ranks; it does not assign. The office decides, and the suggestion is
// only ever shown to staff.
package route
