// Package open311 speaks Open311 GeoReport v2 at /open311/v2, so that
// existing civic-issue clients and 12345 hotline integrations can read and
// file messages without learning liuyan's own API.
//
// Services are the board's (type, domain) pairs; a jurisdiction is a region
// code; a service request is a message. Reads show only what the public
// may see, masked; writes go through internal/workflow like every other
// message. It holds no rules of its own beyond the mapping.
package open311
