package framework

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// The attributes every data source reports, declared once so that each
// data source's schema lists only what is its own.

// ComputedString is a string attribute the data source reports.
func ComputedString(description string) schema.Attribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: description}
}

// ComputedBool is a bool attribute the data source reports.
func ComputedBool(description string) schema.Attribute {
	return schema.BoolAttribute{Computed: true, MarkdownDescription: description}
}

// ComputedInt64 is a number attribute the data source reports.
func ComputedInt64(description string) schema.Attribute {
	return schema.Int64Attribute{Computed: true, MarkdownDescription: description}
}

// ComputedStringList is a list of strings the data source reports.
func ComputedStringList(description string) schema.Attribute {
	return schema.ListAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: description}
}

// ComputedStringMap is a map of strings the data source reports, such as
// tags.
func ComputedStringMap(description string) schema.Attribute {
	return schema.MapAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: description}
}

// ComputedObjects is a list of objects the data source reports, each with
// the attributes given.
func ComputedObjects(description string, attributes map[string]schema.Attribute) schema.Attribute {
	return schema.ListNestedAttribute{
		Computed: true, MarkdownDescription: description,
		NestedObject: schema.NestedAttributeObject{Attributes: attributes},
	}
}

// ObjectType is the type of an object with these attributes, derived from
// the schema so that the values a data source builds always match what it
// declares.
func ObjectType(attributes map[string]schema.Attribute) types.ObjectType {
	attrTypes := make(map[string]attr.Type, len(attributes))
	for name, attribute := range attributes {
		attrTypes[name] = attribute.GetType()
	}
	return types.ObjectType{AttrTypes: attrTypes}
}

// FoundIDsAttribute is the "ids" of a listing data source: the IDs of what
// it found (what, such as "commands"), in the order of its list attribute
// listed.
func FoundIDsAttribute(what, listed string) schema.Attribute {
	return ComputedStringList("The IDs of the " + what + " found, in the order of `" + listed + "`.")
}

// IDsArgument is the optional argument naming what to fetch by ID: 1 to
// most IDs, each valid by id. The Describe calls of both clouds take either
// IDs or filters, so it excludes the arguments named in filters.
func IDsArgument(description string, most int, id validator.String, filters ...string) schema.ListAttribute {
	ids := RequiredIDsArgument(description, most, id)
	ids.Required, ids.Optional = false, true
	if len(filters) > 0 {
		ids.Validators = append(ids.Validators, listvalidator.ConflictsWith(rootPaths(filters)...))
	}
	return ids
}

// RequiredIDsArgument is the argument naming the 1 to most objects a data
// source reads, each valid by id.
func RequiredIDsArgument(description string, most int, id validator.String) schema.ListAttribute {
	return schema.ListAttribute{
		ElementType: types.StringType, Required: true, MarkdownDescription: description,
		Validators: []validator.List{listvalidator.SizeBetween(1, most), listvalidator.ValueStringsAre(id)},
	}
}

// InstanceIDsArgument is the optional set of instances a data source reads,
// at least one, each valid by id.
func InstanceIDsArgument(description string, id validator.String) schema.Attribute {
	return schema.SetAttribute{
		ElementType: types.StringType, Optional: true, MarkdownDescription: description,
		Validators: []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(id)},
	}
}

func rootPaths(names []string) []path.Expression {
	paths := make([]path.Expression, 0, len(names))
	for _, name := range names {
		paths = append(paths, path.MatchRoot(name))
	}
	return paths
}

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

// Found is what a listing data source found, in the order listed: each
// item as an object of objectType, and the item IDs.
func Found[T any](items []T, objectType types.ObjectType, id func(T) string, object func(T) attr.Value, diags *diag.Diagnostics) (objects, ids types.List) {
	objects = ObjectList(items, objectType, object, diags)
	idValues := make([]attr.Value, 0, len(items))
	for _, item := range items {
		idValues = append(idValues, types.StringValue(id(item)))
	}
	ids, d := types.ListValue(types.StringType, idValues)
	diags.Append(d...)
	return objects, ids
}

// ObjectList is a list of objects of objectType, one for each item.
func ObjectList[T any](items []T, objectType types.ObjectType, object func(T) attr.Value, diags *diag.Diagnostics) types.List {
	values := make([]attr.Value, 0, len(items))
	for _, item := range items {
		values = append(values, object(item))
	}
	list, d := types.ListValue(objectType, values)
	diags.Append(d...)
	return list
}

// StringList is a list value of the strings, never null.
func StringList(values []string) types.List {
	elements := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elements = append(elements, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, elements)
}

// SelectFound splits the IDs a data source named into what was found for
// them that keep accepts, in the order of ids, and the IDs nothing was
// found for. A call that takes IDs often takes no filters besides, so the
// filters are applied here.
func SelectFound[T any](ids []string, found map[string]T, keep func(T) bool) (kept []T, missing []string) {
	kept, missing = []T{}, []string{}
	for _, id := range ids {
		item, ok := found[id]
		switch {
		case !ok:
			missing = append(missing, id)
		case keep(item):
			kept = append(kept, item)
		}
	}
	return kept, missing
}

// ListStrings reads a known list of strings; null or unknown gives nil.
func ListStrings(ctx context.Context, list types.List, diags *diag.Diagnostics) []string {
	if list.IsNull() || list.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(list.ElementsAs(ctx, &out, false)...)
	return out
}

// IncludeParametersArgument is the include_parameters switch of a data
// source that can report parameters; what they are, such as "each
// invocation was run with".
func IncludeParametersArgument(what string) schema.Attribute {
	return schema.BoolAttribute{
		Optional: true, MarkdownDescription: "Also report the parameters " + what + ", in `parameters`. " +
			"They may hold secrets: left false, they are neither read into the state nor shown anywhere. Default false.",
	}
}

// ParametersAttribute is the parameters a data source reports with
// include_parameters, keyed by ID.
//
// They are one sensitive map beside the list rather than a sensitive
// attribute of each row: Terraform core marks a value with one path per
// sensitive attribute it holds and compares every value it walks against
// every path, so a sensitive attribute in each of N rows costs N paths and
// a plan time quadratic in N (10,000 invocations took 866 s to plan). One
// attribute is one path, however many rows are listed.
func ParametersAttribute(description string) schema.Attribute {
	return schema.MapAttribute{ElementType: types.StringType, Computed: true, Sensitive: true, MarkdownDescription: description}
}

// ParametersByID is the value of ParametersAttribute: null unless include
// is true, else each item's parameters (as the API reports them, JSON) by
// its ID.
func ParametersByID[T any](include types.Bool, items []T, parameters func(T) (id string, json *string)) types.Map {
	if !include.ValueBool() {
		return types.MapNull(types.StringType)
	}
	params := make(map[string]attr.Value, len(items))
	for _, item := range items {
		id, json := parameters(item)
		params[id] = types.StringValue(flex.StringValue(json))
	}
	return types.MapValueMust(types.StringType, params)
}

// FilterArgument is an optional string argument that narrows what a data
// source lists, valid by validators.
func FilterArgument(description string, validators ...validator.String) schema.Attribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: validators}
}

// QueryDigest is the "id" of a data source as it is built: the parts of
// its query in a fixed order, so that the same query gives the same ID.
type QueryDigest []string

// Add adds name=value for an argument that is set.
func (d *QueryDigest) Add(name string, value *string) {
	if value != nil {
		*d = append(*d, name+"="+*value)
	}
}

// Flag adds name for a switch that is on.
func (d *QueryDigest) Flag(name string, on bool) {
	if on {
		*d = append(*d, name)
	}
}

// Value is the digest as the "id" attribute.
func (d QueryDigest) Value() types.String {
	return types.StringValue(strings.Join(d, ","))
}

// EmptyStringMap is an empty map of strings. Given as the prior value of
// tags read from an API (flex.MapOrPrior), it makes an object without tags
// report an empty map, as data sources do, where a resource whose
// configuration left them out keeps null.
var EmptyStringMap = types.MapValueMust(types.StringType, map[string]attr.Value{})

// NameRegexArgument is the name_regex argument of a data source listing
// what (such as "commands") that source (such as "TAT") returns: a regular
// expression the names must match, applied by the provider.
func NameRegexArgument(what, source string) schema.Attribute {
	return FilterArgument("Only "+what+" whose name matches this regular expression (RE2 syntax), "+
		"applied by the provider to what "+source+" returns. Combines with every other argument.", validate.Regexp())
}

// NamesMatching keeps the items whose name matches nameRegex, every item
// when it is null. The regular expression was validated at plan time.
func NamesMatching[T any](items []T, nameRegex types.String, name func(T) string) []T {
	if nameRegex.IsNull() {
		return items
	}
	re := regexp.MustCompile(nameRegex.ValueString())
	return slices.DeleteFunc(items, func(item T) bool { return !re.MatchString(name(item)) })
}
