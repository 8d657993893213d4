# An invocation is imported by its ID; its results come with it.
terraform import cloudcmd_tat_invocation.deploy inv-8xgjrytm
