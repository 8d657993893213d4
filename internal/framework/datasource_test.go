package framework

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

func TestDataSourceSchemaAddsTheQueryID(t *testing.T) {
	s := DataSourceSchema("Lists things.", map[string]schema.Attribute{"names": ComputedStringList("n")})
	id, ok := s.Attributes["id"].(schema.StringAttribute)
	if !ok || !id.Computed || id.MarkdownDescription != "A digest of the query." {
		t.Errorf("id = %#v, want the computed query digest", s.Attributes["id"])
	}
	if s.MarkdownDescription != "Lists things." || len(s.Attributes) != 2 {
		t.Errorf("schema = %#v", s)
	}
}
