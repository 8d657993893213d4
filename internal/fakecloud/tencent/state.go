package tencent

import (
	"math/rand/v2"
	"slices"
	"time"
)

// timeFormat is how TAT writes times in responses (TAT Invocation and
// InvocationTask: CreatedTime and the other times, YYYY-MM-DDThh:mm:ssZ).
const timeFormat = "2006-01-02T15:04:05Z"

// Command is a saved command as the fake holds it. Content is the Base64
// text the client sent; it is stored and returned unchanged.
type Command struct {
	ID                    string
	Name                  string
	Description           string
	Content               string
	Type                  string // SHELL, POWERSHELL or BAT
	WorkingDirectory      string
	Timeout               uint64 // seconds
	Username              string
	EnableParameter       bool
	DefaultParameters     string // JSON object text, "" when there are none
	DefaultParameterConfs []ParameterConf
	Tags                  []Tag
	OutputCOSBucketURL    string
	OutputCOSKeyPrefix    string
	CreatedBy             string // USER for every command made through the API
	Region                string // the X-TC-Region it was created in
	CreatedTime           time.Time
	UpdatedTime           time.Time

	// sequence orders commands by creation, newest first in listings, even
	// when several are created within the same second.
	sequence uint64
}

// ParameterConf is a custom parameter with its default value.
type ParameterConf struct {
	Name        string
	Value       string
	Description string
}

// clone returns a deep copy, so callers outside the lock never share slices
// with the stored command.
func (c *Command) clone() Command {
	out := *c
	out.DefaultParameterConfs = slices.Clone(c.DefaultParameterConfs)
	out.Tags = slices.Clone(c.Tags)
	return out
}

// idAlphabet is the character set of the 8-character suffix of TAT IDs.
const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// newID returns an unused ID such as "cmd-1a2b3c4d". IDs are never reused,
// even after the resource is deleted, as on the real service.
func (s *Service) newID(prefix string) string {
	for {
		suffix := make([]byte, 8)
		for i := range suffix {
			suffix[i] = idAlphabet[rand.IntN(len(idAlphabet))]
		}
		id := prefix + string(suffix)
		if !s.issuedIDs[id] {
			s.issuedIDs[id] = true
			return id
		}
	}
}

// nextSequence numbers resources in creation order.
func (s *Service) nextSequence() uint64 {
	s.sequence++
	return s.sequence
}

// inRegion reports whether an object of region is seen by the request
// being served. As on TAT, each region has commands, invocations and
// invokers of its own: names are unique within a region, and an ID of
// another region is not found. Tests reading the fake directly, outside any
// request, see every region.
func (s *Service) inRegion(region string) bool {
	return s.region == "" || region == s.region
}

// enterRegion makes region the one requests are served in until the
// returned function is called.
func (s *Service) enterRegion(region string) (leave func()) {
	before := s.region
	s.region = region
	return func() { s.region = before }
}

// now reads the configured clock, in UTC.
func (s *Service) now() time.Time {
	return s.cfg.Now().UTC()
}

// formatTime renders t the way TAT does, to the second in UTC.
func formatTime(t time.Time) string {
	return t.UTC().Truncate(time.Second).Format(timeFormat)
}
