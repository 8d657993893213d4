package alicloud

// DefaultResourceGroupID is the resource group every account has, and the
// only one the fake knows until a test adds more with AddResourceGroup.
const DefaultResourceGroupID = "rg-acfmdefault000001"

// AddResourceGroup declares a resource group of the fake's account, so
// RunCommand and InvokeCommand accept it as ResourceGroupId. Groups are not
// regional, as in the vendor's Resource Management.
func (s *Service) AddResourceGroup(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.resourceGroups[id] = true
}

// checkResourceGroup refuses a ResourceGroupId the account does not have;
// none given means the invocation belongs to no group in particular.
// Callers hold s.mu.
func (s *Service) checkResourceGroup(id string) error {
	if id != "" && !s.state.resourceGroups[id] {
		return errResourceGroupNotFound
	}
	return nil
}
