package conns

import (
	"fmt"
	"slices"
	"strings"
)

// TencentRegions are the public Tencent Cloud regions TAT serves (TAT
// DescribeRegions), including the finance (-fsi) regions and those the
// vendor has since closed to new resources but still answers in.
var TencentRegions = []string{
	"ap-bangkok", "ap-beijing", "ap-beijing-fsi", "ap-chengdu", "ap-chongqing", "ap-guangzhou",
	"ap-guangzhou-open", "ap-hongkong", "ap-jakarta", "ap-mumbai", "ap-nanjing", "ap-seoul",
	"ap-shanghai", "ap-shanghai-fsi", "ap-shenzhen-fsi", "ap-singapore", "ap-taipei", "ap-tokyo",
	"eu-frankfurt", "eu-moscow", "na-ashburn", "na-siliconvalley", "na-toronto", "sa-saopaulo",
}

// AlibabaRegions are the public Alibaba Cloud regions of ECS (ECS
// DescribeRegions), including the finance and government regions.
var AlibabaRegions = []string{
	"cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu", "cn-hangzhou",
	"cn-shanghai", "cn-nanjing", "cn-fuzhou", "cn-wuhan-lr", "cn-shenzhen", "cn-heyuan",
	"cn-guangzhou", "cn-chengdu", "cn-hongkong",
	"ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
	"ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ap-south-1",
	"us-east-1", "us-west-1", "na-south-1", "eu-west-1", "eu-central-1", "me-east-1", "me-central-1",
	"cn-shanghai-finance-1", "cn-shenzhen-finance-1", "cn-beijing-finance-1", "cn-north-2-gov-1",
}

// RegionRule is how a vendor's region is checked at plan.
type RegionRule struct {
	// Setting names the region setting, such as tencentcloud.region.
	Setting string
	// Known are the vendor's regions; none means no check.
	Known []string
	// Skip accepts any region (skip_region_validation).
	Skip bool
	// SkipSetting names the setting that skips the check.
	SkipSetting string
}

// Check reports a region the vendor does not have, unless the check is
// skipped.
func (r RegionRule) Check(region string) error {
	if r.Skip || region == "" || len(r.Known) == 0 || slices.Contains(r.Known, region) {
		return nil
	}
	return fmt.Errorf("%s %q is not a region this provider knows. Known regions: %s. "+
		"If the region is newer than this provider, set %s = true to use it anyway",
		r.Setting, region, strings.Join(r.Known, ", "), r.SkipSetting)
}
