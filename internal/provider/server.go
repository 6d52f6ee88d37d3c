package provider

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Server returns the provider's protocol 6 server: the framework's, behind a check that every
// number in a configuration fits the type of its attribute.
//
// The framework converts a configured number to an Int64 (or Float64) before any validator
// runs, and a number that does not fit (1.5 or 1e30 for an Int64, 1e400 for a Float64) fails
// that conversion with "This is always an error in the provider. Please report the following
// to the provider developer". No validator, plan modifier or custom type method runs before
// it. Terraform validates every configuration (again with its final values before each plan)
// before it plans, reads or configures with it, so refusing the number in the Validate calls,
// naming the attribute, is enough.
func Server(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		p := New(version)()
		return &numberCheckServer{frameworkServer: providerserver.NewProtocol6(p)().(frameworkServer), provider: p}
	}
}

// frameworkServer is what the framework's server offers: tfprotov6 keeps the list resource
// (terraform query) and action calls out of ProviderServer, so embedding ProviderServer alone
// would hide them from Terraform.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
}

// typedSchema is what the check needs of a framework schema of any kind.
type typedSchema interface {
	Type() attr.Type
	TypeAtTerraformPath(context.Context, *tftypes.AttributePath) (attr.Type, error)
}

type numberCheckServer struct {
	frameworkServer
	provider provider.Provider

	once    sync.Once
	schemas map[string]typedSchema // "provider", "resource livechat_agent", "data livechat_group", "ephemeral ..."
}

// schema is the framework schema of key, read once.
func (s *numberCheckServer) schema(ctx context.Context, key string) typedSchema {
	s.once.Do(func() {
		var md provider.MetadataResponse
		s.provider.Metadata(ctx, provider.MetadataRequest{}, &md)
		var ps provider.SchemaResponse
		s.provider.Schema(ctx, provider.SchemaRequest{}, &ps)
		s.schemas = map[string]typedSchema{"provider": ps.Schema}
		for _, f := range s.provider.Resources(ctx) {
			r := f()
			var m resource.MetadataResponse
			r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: md.TypeName}, &m)
			var sr resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &sr)
			s.schemas["resource "+m.TypeName] = sr.Schema
		}
		for _, f := range s.provider.DataSources(ctx) {
			d := f()
			var m datasource.MetadataResponse
			d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: md.TypeName}, &m)
			var sr datasource.SchemaResponse
			d.Schema(ctx, datasource.SchemaRequest{}, &sr)
			s.schemas["data "+m.TypeName] = sr.Schema
		}
		if pe, ok := s.provider.(provider.ProviderWithEphemeralResources); ok {
			for _, f := range pe.EphemeralResources(ctx) {
				e := f()
				var m ephemeral.MetadataResponse
				e.Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: md.TypeName}, &m)
				var sr ephemeral.SchemaResponse
				e.Schema(ctx, ephemeral.SchemaRequest{}, &sr)
				s.schemas["ephemeral "+m.TypeName] = sr.Schema
			}
		}
	})
	return s.schemas[key]
}

func (s *numberCheckServer) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	if diags := numbersThatDoNotFit(ctx, s.schema(ctx, "provider"), req.Config); diags != nil {
		return &tfprotov6.ValidateProviderConfigResponse{Diagnostics: diags}, nil
	}
	return s.frameworkServer.ValidateProviderConfig(ctx, req)
}

func (s *numberCheckServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	if diags := numbersThatDoNotFit(ctx, s.schema(ctx, "resource "+req.TypeName), req.Config); diags != nil {
		return &tfprotov6.ValidateResourceConfigResponse{Diagnostics: diags}, nil
	}
	return s.frameworkServer.ValidateResourceConfig(ctx, req)
}

func (s *numberCheckServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	if diags := numbersThatDoNotFit(ctx, s.schema(ctx, "data "+req.TypeName), req.Config); diags != nil {
		return &tfprotov6.ValidateDataResourceConfigResponse{Diagnostics: diags}, nil
	}
	return s.frameworkServer.ValidateDataResourceConfig(ctx, req)
}

func (s *numberCheckServer) ValidateEphemeralResourceConfig(ctx context.Context, req *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	if diags := numbersThatDoNotFit(ctx, s.schema(ctx, "ephemeral "+req.TypeName), req.Config); diags != nil {
		return &tfprotov6.ValidateEphemeralResourceConfigResponse{Diagnostics: diags}, nil
	}
	return s.frameworkServer.ValidateEphemeralResourceConfig(ctx, req)
}

// numbersThatDoNotFit returns an error for each known number in config whose attribute is an
// Int64 and that is not a whole number in the int64 range, or whose attribute is a Float64
// and that float64 cannot hold.
func numbersThatDoNotFit(ctx context.Context, sch typedSchema, config *tfprotov6.DynamicValue) []*tfprotov6.Diagnostic {
	if sch == nil || config == nil {
		return nil
	}
	val, err := config.Unmarshal(sch.Type().TerraformType(ctx))
	if err != nil {
		return nil // not ours to report: the framework does
	}
	var out []*tfprotov6.Diagnostic
	_ = tftypes.Walk(val, func(p *tftypes.AttributePath, v tftypes.Value) (bool, error) {
		if !v.Type().Is(tftypes.Number) || !v.IsKnown() || v.IsNull() {
			return true, nil
		}
		t, err := sch.TypeAtTerraformPath(ctx, p)
		if err != nil {
			return true, nil
		}
		var n big.Float
		if err := v.As(&n); err != nil {
			return true, nil
		}
		var problem string
		switch t.(type) {
		case basetypes.Int64Typable:
			if _, acc := n.Int64(); !n.IsInt() || acc != big.Exact {
				problem = fmt.Sprintf("must be a whole number from %d to %d", int64(math.MinInt64), int64(math.MaxInt64))
			}
		case basetypes.Float64Typable:
			if f, acc := n.Float64(); math.IsInf(f, 0) || (f == 0 && acc != big.Exact) {
				problem = "must be a number that fits in a 64-bit floating point value"
			}
		}
		if problem != "" {
			out = append(out, &tfprotov6.Diagnostic{
				Severity:  tfprotov6.DiagnosticSeverityError,
				Summary:   "Number out of range",
				Detail:    fmt.Sprintf("%s %s; got %s.", attributeName(p), problem, n.Text('g', -1)),
				Attribute: p,
			})
		}
		return true, nil
	})
	return out
}

// attributeName spells p the way the configuration does: groups[0].id, or groups.id for an
// element of a set.
func attributeName(p *tftypes.AttributePath) string {
	var b strings.Builder
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case tftypes.AttributeName:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(s))
		case tftypes.ElementKeyInt:
			fmt.Fprintf(&b, "[%d]", int64(s))
		case tftypes.ElementKeyString:
			fmt.Fprintf(&b, "[%q]", string(s))
		}
	}
	return b.String()
}
