package acctest

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// CheckSecretNotInState fails if any attribute of any resource in the state
// holds secret: write-only values must never be stored.
func CheckSecretNotInState(secret string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for name, rs := range s.RootModule().Resources {
			for k, v := range rs.Primary.Attributes {
				if strings.Contains(v, secret) {
					return fmt.Errorf("%s.%s holds the write-only secret", name, k)
				}
			}
		}
		return nil
	}
}

// MapEntries is the body of an HCL map with n distinct entries, for tests
// of size limits: k0 = "v", k1 = "v", ...
func MapEntries(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("k%d = \"v\"", i)
	}
	return strings.Join(parts, ", ")
}
