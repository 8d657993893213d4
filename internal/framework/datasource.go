package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// DataSource is a data source whose state is its configuration, model M,
// with the computed attributes filled in: the one Configure, Metadata,
// Schema and Read every data source of the provider has. What differs is
// given to NewDataSource: the type name, the schema and the read.
type DataSource[M any] struct {
	DataSourceWithClients
	typeName string // after the provider's name, such as "_tat_commands"
	schema   schema.Schema
	read     func(context.Context, *conns.Clients, *M, *diag.Diagnostics)
}

var _ datasource.DataSourceWithConfigure = (*DataSource[struct{}])(nil)

// NewDataSource is the data source provider_typeName, of this schema, whose
// read fills in the computed attributes of the configuration read into M.
// It reports errors in diags; the state is then left unset.
func NewDataSource[M any](typeName string, s schema.Schema, read func(ctx context.Context, clients *conns.Clients, model *M, diags *diag.Diagnostics)) *DataSource[M] {
	return &DataSource[M]{typeName: typeName, schema: s, read: read}
}

// DataSourceSchema is the schema of a data source: its attributes and the
// "id" every data source has, a digest of its query, the same for the same
// arguments.
func DataSourceSchema(description string, attributes map[string]schema.Attribute) schema.Schema {
	attributes["id"] = ComputedString("A digest of the query.")
	return schema.Schema{MarkdownDescription: description, Attributes: attributes}
}

func (d *DataSource[M]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.typeName
}

func (d *DataSource[M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema
}

func (d *DataSource[M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model M
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	d.read(ctx, d.Clients, &model, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
