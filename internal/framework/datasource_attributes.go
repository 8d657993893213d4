package framework

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

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

// FilterArgument is an optional string argument that narrows what a data
// source lists, valid by validators.
func FilterArgument(description string, validators ...validator.String) schema.Attribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: validators}
}

// NameRegexArgument is the name_regex argument of a data source listing
// what (such as "commands") that source (such as "TAT") returns: a regular
// expression the names must match, applied by the provider.
func NameRegexArgument(what, source string) schema.Attribute {
	return FilterArgument("Only "+what+" whose name matches this regular expression (RE2 syntax), "+
		"applied by the provider to what "+source+" returns. Combines with every other argument.", validate.Regexp())
}
