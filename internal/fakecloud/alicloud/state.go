package alicloud

import (
	"math/rand/v2"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// defaultCommandQuota is the smallest per-region command quota the vendor
// documents (500 to 50,000 depending on the account).
const defaultCommandQuota = 500

// store is the fake's in-memory state. It is guarded by Service.mu.
type store struct {
	commands     map[string]*Command // by ID, across all regions
	public       map[string]*Command // the common commands, by ID, in every region
	commandQuota int                 // per region
	nextSeq      int64

	// idempotent remembers the outcome of requests that carried a
	// ClientToken, so a retry returns the same resource; processing holds
	// the tokens of requests still under way.
	idempotent map[idempotencyKey]idempotentOutcome
	processing map[idempotencyKey]bool

	invocations vendorkit.Records[*invocation] // by invoke ID, across all regions
	missingDirs map[missingDirectory]bool

	// invocationQuota bounds the invocations a region may start in one day;
	// invocationsOn counts them.
	invocationQuota int
	invocationsOn   map[quotaDay]int

	resourceGroups map[string]bool // the account's resource groups, by ID
}

func newStore() *store {
	return &store{
		commands:        map[string]*Command{},
		public:          newPublicCommands(),
		commandQuota:    defaultCommandQuota,
		idempotent:      map[idempotencyKey]idempotentOutcome{},
		processing:      map[idempotencyKey]bool{},
		missingDirs:     map[missingDirectory]bool{},
		invocationQuota: defaultInvocationQuota,
		invocationsOn:   map[quotaDay]int{},
		resourceGroups:  map[string]bool{DefaultResourceGroupID: true},
	}
}

// command returns the command with this ID in this region.
func (st *store) command(regionID, id string) (*Command, bool) {
	c, ok := st.commands[id]
	if !ok || c.RegionID != regionID {
		return nil, false
	}
	return c, true
}

// runnable returns the command InvokeCommand runs: one of the account's in
// this region, or a common command.
func (st *store) runnable(regionID, id string) (*Command, bool) {
	if c, ok := st.command(regionID, id); ok {
		return c, true
	}
	c, ok := st.public[id]
	return c, ok
}

func (st *store) commandsIn(regionID string) []*Command {
	var out []*Command
	for _, c := range st.commands {
		if c.RegionID == regionID {
			out = append(out, c)
		}
	}
	return out
}

// addCommand stores c under a fresh ID and returns it.
func (st *store) addCommand(c *Command) string {
	c.ID = newUniqueID("c-", func(id string) bool { _, taken := st.commands[id]; return taken })
	st.nextSeq++
	c.seq = st.nextSeq
	st.commands[c.ID] = c
	return c.ID
}

// idLength is the number of random characters after an ID's prefix, as in
// the vendor's current IDs (c-hz0jdfwcsr****).
const idLength = 14

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// newUniqueID returns prefix followed by random lower-case letters and
// digits, retrying in the unlikely case the ID is taken.
func newUniqueID(prefix string, taken func(string) bool) string {
	for {
		id := prefix + randomString(idLength)
		if !taken(id) {
			return id
		}
	}
}

func randomString(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = idAlphabet[rand.IntN(len(idAlphabet))]
	}
	return string(b)
}
