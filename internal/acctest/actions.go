package acctest

import "fmt"

// ActionTriggered is a configuration that invokes the action of this type,
// named "test", with body as its config, once: after a terraform_data is
// created. Terraform 1.14 and later (action blocks and action_trigger);
// terraform-plugin-testing cannot run `-invoke` itself.
func ActionTriggered(actionType, body string) string {
	return fmt.Sprintf(`
action %[1]q "test" {
  config {
%[2]s
  }
}

resource "terraform_data" "trigger" {
  input = "once"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.%[1]s.test]
    }
  }
}
`, actionType, body)
}
