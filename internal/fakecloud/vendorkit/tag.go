package vendorkit

// Tag is a key/value tag on a resource, as both clouds' tag APIs model it
// (TAT CreateCommand: Tags, Key and Value; ECS CreateCommand: Tag.N.Key and
// Tag.N.Value).
type Tag struct {
	Key   string
	Value string
}
