// Package directory fills and grows the directory of whom citizens can
// write to: the two leader boards of every province, city and county with
// their region's office, and departments that join (入驻) a region.
//
// It writes through internal/store and takes its names from
// internal/region; it makes no decisions about messages.
package directory
