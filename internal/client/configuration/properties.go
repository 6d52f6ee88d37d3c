package configuration

import (
	"context"
	"encoding/json"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// Properties (Configuration API v3.6 "Properties"): definitions are read only by listing them per
// owner Client Id, license values per namespace, group values per group; each list is served
// from the run's read cache and invalidated by every write that can change it.

// Read-cache keys.
const (
	cacheKindPropertiesPrefix        = "configuration/properties/"         // + owner client id
	cacheKindLicensePropertiesPrefix = "configuration/license_properties/" // + namespace
	cacheKindGroupPropertiesPrefix   = "configuration/group_properties/"   // + epoch/group id
	cacheKindGroupPropertiesEpoch    = "configuration/group_properties_epoch"
)

// PropertyAccess is access.<location>.<user> = ["read", "write"].
type PropertyAccess map[string]map[string][]string

// PropertyRange bounds the values of an int property; nil ends are open.
type PropertyRange struct {
	From *int64 `json:"from,omitempty"`
	To   *int64 `json:"to,omitempty"`
}

// Property is one entry of the list_properties answer (Name is its key there).
type Property struct {
	Name         string            `json:"-"`
	Type         string            `json:"type"`
	Description  string            `json:"description"`
	Access       PropertyAccess    `json:"access"`
	PublicAccess []string          `json:"public_access"`
	Domain       []json.RawMessage `json:"domain,omitempty"`
	Range        *PropertyRange    `json:"range,omitempty"`
	DefaultValue json.RawMessage   `json:"default_value,omitempty"`
}

// PropertyRegistration is the register_property request.
type PropertyRegistration struct {
	Name          string            `json:"name"`
	OwnerClientID string            `json:"owner_client_id"`
	Type          string            `json:"type"`
	Access        PropertyAccess    `json:"access"`
	Description   string            `json:"description,omitempty"`
	Domain        []json.RawMessage `json:"domain,omitempty"`
	Range         *PropertyRange    `json:"range,omitempty"`
	DefaultValue  json.RawMessage   `json:"default_value,omitempty"`
}

// PropertyValues is the documented properties format: namespace → property name → value.
type PropertyValues map[string]map[string]json.RawMessage

// Get returns the value of namespace/name.
func (v PropertyValues) Get(namespace, name string) (json.RawMessage, bool) {
	val, ok := v[namespace][name]
	return val, ok
}

// GroupPropertyValues is one entry of the list_groups_properties answer.
type GroupPropertyValues struct {
	ID         int64          `json:"id"`
	Properties PropertyValues `json:"properties"`
}

// RegisterProperty registers a private property. Its natural key is owner client id + name, which
// the API enforces: whether the name is taken is noted first; after an ambiguous failure a fresh
// list_properties tells whether the first attempt was applied, unless the name was taken before
// (then a re-send answers already_exists, as without the fault).
func (c *Client) RegisterProperty(ctx context.Context, in PropertyRegistration) error {
	_, err := c.GetProperty(ctx, in.OwnerClientID, in.Name, !c.core.Coalescing())
	taken := err == nil
	if err != nil && !client.IsNotFound(err) {
		return err
	}
	defer c.core.Invalidate(cacheKindPropertiesPrefix + in.OwnerClientID)
	req := client.Action("register_property", in)
	req.Creates = true
	req.AlreadyExistsProves = !taken
	req.Recover = func(ctx context.Context) (bool, error) {
		if taken { // someone else's property: only a re-send's answer tells
			return false, nil
		}
		_, err := c.GetProperty(ctx, in.OwnerClientID, in.Name, true)
		if client.IsNotFound(err) {
			return false, nil
		}
		return err == nil, err
	}
	return c.core.Do(ctx, req, nil)
}

// UnregisterProperty unregisters a private property (published ones cannot be).
func (c *Client) UnregisterProperty(ctx context.Context, ownerClientID, name string) error {
	defer c.invalidatePropertyValues(ownerClientID)
	return c.call(ctx, "unregister_property", map[string]string{"name": name, "owner_client_id": ownerClientID}, nil)
}

// PublishProperty publishes a property with the given public access ("read", "write").
func (c *Client) PublishProperty(ctx context.Context, ownerClientID, name string, accessType []string) error {
	defer c.core.Invalidate(cacheKindPropertiesPrefix + ownerClientID)
	return c.call(ctx, "publish_property", map[string]any{"name": name, "owner_client_id": ownerClientID, "access_type": accessType}, nil)
}

// ListProperties lists the properties owned by a Client Id, by name. fresh=false may answer from
// the run's read cache.
func (c *Client) ListProperties(ctx context.Context, ownerClientID string, fresh bool) (map[string]Property, error) {
	return client.Cached(ctx, c.core, cacheKindPropertiesPrefix+ownerClientID, fresh, c.fetchProperties(ownerClientID))
}

// ListPropertiesAfter is list_properties of an owner from a fetch that began at or after since, and
// when that fetch began, as ListTagsAfter is for tags: the waits of concurrent property writes of
// one owner share one list per poll.
func (c *Client) ListPropertiesAfter(ctx context.Context, ownerClientID string, since time.Time) (map[string]Property, time.Time, error) {
	return client.CachedAfter(ctx, c.core, cacheKindPropertiesPrefix+ownerClientID, since, c.fetchProperties(ownerClientID))
}

func (c *Client) fetchProperties(ownerClientID string) func(context.Context) (map[string]Property, error) {
	return func(ctx context.Context) (map[string]Property, error) {
		out := map[string]Property{}
		err := c.call(ctx, "list_properties", map[string]string{"owner_client_id": ownerClientID}, &out)
		for name, p := range out {
			p.Name = name
			out[name] = p
		}
		return out, err
	}
}

// GetProperty finds one property in the owner's list; a missing one is a not_found *client.APIError.
func (c *Client) GetProperty(ctx context.Context, ownerClientID, name string, fresh bool) (*Property, error) {
	all, err := c.ListProperties(ctx, ownerClientID, fresh)
	if err != nil {
		return nil, err
	}
	p, ok := all[name]
	if !ok {
		return nil, notFound("list_properties", "property "+name+" of "+ownerClientID)
	}
	return &p, nil
}

// invalidatePropertyValues drops every cached list an unregistration can change: the owner's
// definitions, its license values and all group values.
func (c *Client) invalidatePropertyValues(ns string) {
	c.core.Invalidate(cacheKindPropertiesPrefix + ns)
	c.core.Invalidate(cacheKindLicensePropertiesPrefix + ns)
	c.core.Invalidate(cacheKindGroupPropertiesEpoch)
}

// groupPropertiesKind is the read-cache key of one group's values. The keys carry an epoch that
// UnregisterProperty renews, so that one call drops every group's cached values (the core's
// cache invalidates one key at a time).
func (c *Client) groupPropertiesKind(ctx context.Context, groupID int64) string {
	epoch, _ := client.Cached(ctx, c.core, cacheKindGroupPropertiesEpoch, false, func(context.Context) (int64, error) {
		return groupPropertiesEpoch.Add(1), nil
	})
	return cacheKindGroupPropertiesPrefix + strconv.FormatInt(epoch, 10) + "/" + strconv.FormatInt(groupID, 10)
}

var groupPropertiesEpoch atomic.Int64

// groupPropertiesAllKind is the read-cache key of the values of every group (one
// list_groups_properties with empty group_ids), which serves refresh Reads when coalescing.
func (c *Client) groupPropertiesAllKind(ctx context.Context) string {
	return c.groupPropertiesKind(ctx, -1)
}

// invalidateGroupProperties drops every group's cached values (a group was created or deleted,
// or a property unregistered).
func (c *Client) invalidateGroupProperties() { c.core.Invalidate(cacheKindGroupPropertiesEpoch) }

// UpdateLicenseProperties sets license values; values not named are kept.
func (c *Client) UpdateLicenseProperties(ctx context.Context, values PropertyValues) error {
	for ns := range values {
		defer c.core.Invalidate(cacheKindLicensePropertiesPrefix + ns)
	}
	return c.call(ctx, "update_license_properties", map[string]any{"properties": values}, nil)
}

// DeleteLicenseProperties deletes license values: namespace → names.
func (c *Client) DeleteLicenseProperties(ctx context.Context, names map[string][]string) error {
	for ns := range names {
		defer c.core.Invalidate(cacheKindLicensePropertiesPrefix + ns)
	}
	return c.call(ctx, "delete_license_properties", map[string]any{"properties": names}, nil)
}

// QueryLicenseProperties calls list_license_properties with its documented filters (empty: not
// sent), bypassing the read cache. Values not set explicitly are the defaults.
func (c *Client) QueryLicenseProperties(ctx context.Context, namespace, namePrefix string) (PropertyValues, error) {
	body := map[string]string{}
	if namespace != "" {
		body["namespace"] = namespace
	}
	if namePrefix != "" {
		body["name_prefix"] = namePrefix
	}
	out := PropertyValues{}
	err := c.call(ctx, "list_license_properties", body, &out)
	return out, err
}

// LicenseProperties returns the license values of one namespace; fresh=false may answer from the
// run's read cache.
func (c *Client) LicenseProperties(ctx context.Context, namespace string, fresh bool) (PropertyValues, error) {
	return client.Cached(ctx, c.core, cacheKindLicensePropertiesPrefix+namespace, fresh, func(ctx context.Context) (PropertyValues, error) {
		return c.QueryLicenseProperties(ctx, namespace, "")
	})
}

// UpdateGroupProperties sets values within a group; values not named are kept.
func (c *Client) UpdateGroupProperties(ctx context.Context, groupID int64, values PropertyValues) error {
	defer c.core.Invalidate(c.groupPropertiesKind(ctx, groupID))
	defer c.core.Invalidate(c.groupPropertiesAllKind(ctx))
	return c.call(ctx, "update_group_properties", map[string]any{"group_id": groupID, "properties": values}, nil)
}

// DeleteGroupProperties deletes values within a group: namespace → names.
func (c *Client) DeleteGroupProperties(ctx context.Context, groupID int64, names map[string][]string) error {
	defer c.core.Invalidate(c.groupPropertiesKind(ctx, groupID))
	defer c.core.Invalidate(c.groupPropertiesAllKind(ctx))
	return c.call(ctx, "delete_group_properties", map[string]any{"id": groupID, "properties": names}, nil)
}

// QueryGroupsProperties calls list_groups_properties (the reference's spelling) with its
// documented parameters, bypassing the read cache. An empty groupIDs means every group.
func (c *Client) QueryGroupsProperties(ctx context.Context, groupIDs []int64, namespace, namePrefix string) ([]GroupPropertyValues, error) {
	if groupIDs == nil {
		groupIDs = []int64{}
	}
	body := map[string]any{"group_ids": groupIDs}
	if namespace != "" {
		body["namespace"] = namespace
	}
	if namePrefix != "" {
		body["name_prefix"] = namePrefix
	}
	var out []GroupPropertyValues
	err := c.call(ctx, "list_groups_properties", body, &out)
	for i := range out {
		if out[i].Properties == nil {
			out[i].Properties = PropertyValues{}
		}
	}
	return out, err
}

// AllGroupsProperties is list_groups_properties of every group (empty group_ids) through the
// run's read cache, in which a missing group is simply absent.
func (c *Client) AllGroupsProperties(ctx context.Context) ([]GroupPropertyValues, error) {
	return client.Cached(ctx, c.core, c.groupPropertiesAllKind(ctx), false, func(ctx context.Context) ([]GroupPropertyValues, error) {
		return c.QueryGroupsProperties(ctx, nil, "", "")
	})
}

// GroupProperties returns the values within one group (list_groups_properties of that group);
// fresh=false may answer from the run's read cache. A missing group is the API's group_not_found.
func (c *Client) GroupProperties(ctx context.Context, groupID int64, fresh bool) (PropertyValues, error) {
	return client.Cached(ctx, c.core, c.groupPropertiesKind(ctx, groupID), fresh, func(ctx context.Context) (PropertyValues, error) {
		groups, err := c.QueryGroupsProperties(ctx, []int64{groupID}, "", "")
		if err != nil {
			return nil, err
		}
		for _, g := range groups {
			if g.ID == groupID {
				return g.Properties, nil
			}
		}
		return PropertyValues{}, nil
	})
}
